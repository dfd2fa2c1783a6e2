package id.go.prakerja.training.ledger;

import java.util.UUID;

/** Names of the ledger's accounts: the programme, one per participant, one payable per platform. */
public final class Accounts {

    public static final String PROGRAMME = "PROGRAMME";

    private Accounts() {
    }

    public static String participant(UUID participantId) {
        return "PARTICIPANT:" + participantId;
    }

    public static String platformPayable(String platformCode) {
        return "PLATFORM:" + platformCode;
    }
}
