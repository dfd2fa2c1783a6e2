package id.go.prakerja.support.crypto;

import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES keys of one kind (field or transport) by key id, and the one that seals new values.
 * Empty when the service holds no key of this kind; then sealing or opening fails with the
 * property to set.
 */
final class KeyRing {

    static final int MAX_ID = 0xFFFF;

    private final String property;
    private final Map<Integer, SecretKey> keys;
    private final int currentId;

    private KeyRing(String property, Map<Integer, SecretKey> keys, int currentId) {
        this.property = property;
        this.keys = keys;
        this.currentId = currentId;
    }

    /**
     * @param single the key configured without an id (the configuration before key ids): id 1
     * @param byId keys by id
     * @param current the id that seals new values; the highest id when null
     */
    static KeyRing of(String property, String single, Map<Integer, String> byId, Integer current) {
        TreeMap<Integer, SecretKey> keys = new TreeMap<>();
        byId.forEach((id, base64) -> {
            if (id == null || id < 1 || id > MAX_ID) {
                throw new IllegalArgumentException(property + "s: key ids are whole numbers from 1 to " + MAX_ID);
            }
            keys.put(id, aes(base64, property + "s." + id));
        });
        if (single != null && !single.isBlank()) {
            SecretKey key = aes(single, property);
            SecretKey same = keys.putIfAbsent(1, key);
            if (same != null && !same.equals(key)) {
                throw new IllegalArgumentException(property + " is key 1; " + property + "s.1 holds a different key");
            }
        }
        if (keys.isEmpty()) {
            return new KeyRing(property, Map.of(), 0);
        }
        int currentId = current == null ? keys.lastKey() : current;
        if (!keys.containsKey(currentId)) {
            throw new IllegalArgumentException(property + "-id " + currentId + " names no configured key");
        }
        // the current key first: it opens most values, so legacy values are tried with it first
        Map<Integer, SecretKey> ordered = new LinkedHashMap<>();
        ordered.put(currentId, keys.get(currentId));
        ordered.putAll(keys.descendingMap());
        return new KeyRing(property, Collections.unmodifiableMap(ordered), currentId);
    }

    int currentId() {
        require();
        return currentId;
    }

    SecretKey current() {
        require();
        return keys.get(currentId);
    }

    /** The key with this id, or null when it is not configured (any more). */
    SecretKey byId(int id) {
        require();
        return keys.get(id);
    }

    /** Every key, the current one first. */
    Iterable<SecretKey> all() {
        require();
        return keys.values();
    }

    private void require() {
        if (keys.isEmpty()) {
            throw new IllegalStateException(property + "s is not configured for this service");
        }
    }

    private static SecretKey aes(String base64, String property) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(property + " must be 32 bytes, base64-encoded");
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException(property + " must be 32 bytes, base64-encoded");
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
