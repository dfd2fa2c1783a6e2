package id.go.prakerja.simulators.payment;

import id.go.prakerja.simulators.Party;
import id.go.prakerja.simulators.http.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a partner's state files hold, read back at start (the local launcher's {@code --state-dir}):
 * the accounts opened through the control endpoint and the ledger of transfers. Both are
 * {@link Journal}s, appended to change by change, so one account or transfer may appear on several
 * lines: the latest line about it is its state. A line that is not an account or a transfer is
 * skipped with a warning rather than refusing to start, as a line cut short by a crash would be.
 */
final class PartnerStateFiles {

    private static final Logger log = LoggerFactory.getLogger(PartnerStateFiles.class);

    private PartnerStateFiles() {
    }

    /**
     * The accounts in {@code file} by account number or phone, in the order of their latest write:
     * that order is each account's place when the file is compacted.
     */
    static Map<String, PartnerAccount> readAccounts(Party party, Path file) {
        Map<String, PartnerAccount> kept = new LinkedHashMap<>();
        for (JsonNode a : Journal.read(file)) {
            PartnerAccount account = new PartnerAccount(textOrNull(a, "accountNumber"), textOrNull(a, "phone"),
                    textOrNull(a, "ownerName"), textOrNull(a, "nik"), a.path("kycUpgraded").asBoolean(),
                    a.path("active").asBoolean());
            if (account.key() == null) {
                log.warn("{} account without number or phone in {}; skipped", party, file);
                continue;
            }
            kept.remove(account.key()); // the latest write of an account is its place in the compacted file
            kept.put(account.key(), account);
        }
        return kept;
    }

    /**
     * The transfers in {@code file} by {@code partnerReferenceNo}, each in the place of its first
     * line (its acceptance) with the state of its last (its settlement, if any).
     */
    static Map<String, PaymentRecord> readLedger(Party party, Path file) {
        Map<String, PaymentRecord> kept = new LinkedHashMap<>();
        for (JsonNode entry : Journal.read(file)) {
            PaymentRecord record;
            try {
                record = Json.mapper().treeToValue(entry, PaymentRecord.class);
            } catch (JacksonException e) {
                log.warn("{} ledger line in {} is not a transfer ({}); skipped", party, file, e.getOriginalMessage());
                continue;
            }
            if (record.partnerReferenceNo() == null || record.status() == null || record.createdAt() == null) {
                log.warn("{} ledger line in {} lacks a reference, status or creation time; skipped", party, file);
                continue;
            }
            kept.put(record.partnerReferenceNo(), record); // a settlement replaces the transfer, in its place
        }
        return kept;
    }

    private static String textOrNull(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asString() : null;
    }
}
