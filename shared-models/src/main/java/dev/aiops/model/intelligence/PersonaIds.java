package dev.aiops.model.intelligence;

/** The slug shape of persona ids, and the ids of the built-in personas. */
public final class PersonaIds {

    public static final String PATTERN = "^[a-z][a-z0-9-]{2,30}[a-z0-9]$";
    public static final String MESSAGE =
            "must be 4-32 lowercase letters, digits or '-', starting with a letter and ending with a letter or digit";

    public static final String DEFAULT = "default";
    public static final String PLATFORM_OPS = "platform-ops";
    public static final String GPU_EXPERT = "gpu-expert";
    public static final String NETWORK_CNF = "network-cnf";
    public static final String TELCO_5G = "telco-5g";

    private PersonaIds() {}
}
