package id.go.prakerja.events.incentive;

/** Payment partners of 2020: one bank (virtual account) and three e-wallets. */
public enum PayoutPartner {
    BNI, LINKAJA, OVO, GOPAY
}
