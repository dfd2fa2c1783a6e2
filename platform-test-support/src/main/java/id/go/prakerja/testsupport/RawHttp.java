package id.go.prakerja.testsupport;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one request per connection: sends whatever it is given (a NUL or
 * any other byte in a header, a target exactly as written), which {@link java.net.http.HttpClient}
 * refuses to. Reads the status, the Content-Type and, unless the answer is a success, the body.
 */
final class RawHttp {

    private static final int MAX_BODY = 64 * 1024;

    /** An answer; {@code status} -1 when none came (the connection closed or timed out first). */
    record Answer(int status, String contentType, String body) {
    }

    private RawHttp() {
    }

    static Answer exchange(String baseUrl, String method, String target, Map<String, String> headers, byte[] body,
            int timeoutMillis) {
        URI base = URI.create(baseUrl);
        int port = base.getPort() < 0 ? 80 : base.getPort();
        try (Socket socket = new Socket(base.getHost(), port)) {
            socket.setSoTimeout(timeoutMillis);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes((method + " " + target + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + port
                    + "\r\nConnection: close\r\n").getBytes(StandardCharsets.UTF_8));
            headers.forEach((name, value) -> request.writeBytes((name + ": " + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
            byte[] content = body == null ? new byte[0] : body;
            if (body != null || !"GET".equals(method)) {
                request.writeBytes(("Content-Length: " + content.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            request.writeBytes(content);
            OutputStream out = socket.getOutputStream();
            out.write(request.toByteArray());
            out.flush();
            return read(new BufferedInputStream(socket.getInputStream()));
        } catch (IOException e) {
            return new Answer(-1, "", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static Answer read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            return new Answer(-1, "", "connection closed without an answer");
        }
        String[] parts = statusLine.split(" ", 3);
        int status = Integer.parseInt(parts[1]);
        String contentType = "";
        long length = -1;
        boolean chunked = false;
        for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "content-type" -> contentType = value;
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                default -> { }
            }
        }
        if (status >= 200 && status < 300) {
            return new Answer(status, contentType, ""); // a success's body (an event stream, even) is not needed
        }
        byte[] body;
        if (chunked) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (String size = line(in); size != null; size = line(in)) {
                int semicolon = size.indexOf(';');
                int chunk = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                if (chunk == 0 || all.size() > MAX_BODY) {
                    break;
                }
                all.writeBytes(in.readNBytes(chunk));
                line(in);
            }
            body = all.toByteArray();
        } else {
            body = in.readNBytes(length < 0 ? MAX_BODY : (int) Math.min(length, MAX_BODY));
        }
        return new Answer(status, contentType, new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
