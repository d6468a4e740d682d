package dev.aiops.registry.o2ims;

/**
 * The O2 IMS API version a subscription was created through. Both versions share subscriptions,
 * filters and the delivery relay; the version decides what a subscriber sees and is sent.
 */
enum O2ImsVersion {
    V1(1, O2ImsIds.PREFIX),
    V2(2, O2ImsIds.PREFIX_V2);

    final int number;
    final String prefix;

    O2ImsVersion(int number, String prefix) {
        this.number = number;
        this.prefix = prefix;
    }

    static O2ImsVersion of(int number) {
        for (O2ImsVersion version : values()) {
            if (version.number == number) {
                return version;
            }
        }
        throw new IllegalStateException("no O2 IMS API version " + number);
    }
}
