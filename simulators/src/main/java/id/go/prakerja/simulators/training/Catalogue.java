package id.go.prakerja.simulators.training;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Seeded trainings for every platform: same seed, same catalogue. */
final class Catalogue {

    private static final List<String> TOPICS = List.of(
            "Digital Marketing untuk UMKM", "Menjadi Barista Profesional", "Dasar-Dasar Akuntansi",
            "Bahasa Inggris untuk Perhotelan", "Desain Grafis dengan Canva", "Menjahit Pakaian Wanita",
            "Teknik Servis AC Rumah", "Pemrograman Web Dasar", "Fotografi Produk", "Public Speaking",
            "Budidaya Ikan Lele", "Membuat Kue Kering", "Manajemen Keuangan Pribadi", "Microsoft Excel untuk Kerja",
            "Menjadi Content Creator", "Teknik Penjualan Online", "Tata Rias Pengantin", "Mengemudi Aman",
            "Keselamatan dan Kesehatan Kerja (K3)", "Admin Media Sosial", "Customer Service Excellence",
            "Bahasa Jepang untuk Pemula", "Perawatan Sepeda Motor", "Berkebun Hidroponik", "Analisis Data dengan Python",
            "Copywriting untuk Jualan", "Membuka Usaha Kuliner", "Teknik Las Listrik", "Instalasi Listrik Rumah",
            "Barbershop dan Pangkas Rambut", "Video Editing di Ponsel", "Menjadi Reseller dan Dropshipper",
            "Administrasi Perkantoran", "Perpajakan untuk Usaha Kecil", "Membuat Toko Online", "Menulis Kreatif",
            "Desain Interior Dasar", "Memasak Masakan Nusantara", "Merakit dan Servis Komputer", "Teknisi Ponsel",
            "Ekspor untuk Pemula", "Manajemen Gudang dan Logistik", "Pelayanan Prima di Ritel", "Kerajinan Batik",
            "Perawatan Lansia (Caregiver)", "Bahasa Korea untuk Kerja", "Search Engine Optimization",
            "Mengelola Kos dan Homestay", "Teknik Negosiasi", "Kepemimpinan Tim Kecil");

    private static final List<String> FORMATS = List.of(
            "untuk Pemula", "Tingkat Lanjut", "Kelas Praktik", "dari Nol", "untuk Pencari Kerja", "Intensif",
            "Bersertifikat", "Langkah demi Langkah", "untuk Ibu Rumah Tangga", "Siap Kerja");

    private static final List<String> PROVIDERS = List.of(
            "Lembaga Kursus Nusantara", "Akademi Digital Indonesia", "LPK Mandiri Jaya", "Sekolah Bisnis Rakyat",
            "Balai Latihan Kerja Swasta", "Kelas Kreatif ID", "Pusat Pelatihan Vokasi", "Rumah Belajar UMKM",
            "Institut Keterampilan Kerja", "Studio Ahli Praktik", "Yayasan Cerdas Kerja", "Karya Edukasi Prima");

    static String categoryOf(String title) {
        String t = title.toLowerCase();
        if (t.matches(".*(digital marketing|seo|search engine|content creator|media sosial|copywriting|toko online|penjualan online|reseller).*")) {
            return "Pemasaran";
        }
        if (t.matches(".*(bahasa).*")) {
            return "Bahasa";
        }
        if (t.matches(".*(pemrograman|python|komputer|excel|desain grafis|video editing|ponsel|fotografi).*")) {
            return "Teknologi dan Kreatif";
        }
        if (t.matches(".*(akuntansi|keuangan|perpajakan|administrasi|gudang|ekspor|negosiasi|kepemimpinan|usaha|kos).*")) {
            return "Bisnis dan Manajemen";
        }
        if (t.matches(".*(barista|kue|kuliner|memasak|nusantara).*")) {
            return "Kuliner";
        }
        if (t.matches(".*(servis|las|listrik|sepeda motor|mengemudi|k3).*")) {
            return "Teknik dan Keselamatan";
        }
        if (t.matches(".*(customer service|pelayanan|perhotelan|public speaking|caregiver|lansia).*")) {
            return "Layanan dan Komunikasi";
        }
        return "Kerajinan dan Gaya Hidup";
    }

    private Catalogue() {
    }

    static List<Training> generate(long seed) {
        Random rnd = new Random(seed ^ 0x7261696e696e67L);
        List<Training> all = new ArrayList<>();
        for (TrainingPlatform platform : TrainingPlatform.values()) {
            Set<String> titles = new HashSet<>();
            for (int i = 1; i <= platform.catalogueSize(); i++) {
                String title;
                do {
                    title = TOPICS.get(rnd.nextInt(TOPICS.size())) + " " + FORMATS.get(rnd.nextInt(FORMATS.size()));
                } while (!titles.add(title));
                // prices in whole thousands, as platforms list them (Rp199.000, Rp450.000, ...)
                long price = 100_000 + 1_000L * rnd.nextInt(901);
                int hours = 2 + rnd.nextInt(39);
                String category = categoryOf(title);
                String provider = PROVIDERS.get(rnd.nextInt(PROVIDERS.size()));
                // most 2020 trainings were online; some (workshops, hands-on trades) met in person
                String mode = rnd.nextInt(10) < 8 ? "ONLINE" : "OFFLINE";
                String description = "Pelatihan " + title + " oleh " + provider + ". Peserta mempelajari " + title.toLowerCase()
                        + " melalui " + hours + " jam materi, latihan dan tugas praktik, lalu mendapat sertifikat penyelesaian.";
                all.add(new Training(platform.name() + "-" + String.format("%04d", i), platform.name(), title, price, hours,
                        category, provider, description, mode));
            }
        }
        return List.copyOf(all);
    }
}
