package dev.aiops.porch.generation;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The network functions we have templates for, with what each needs by default. Images are the open
 * reference implementations (free5GC for the core, OpenAirInterface for the RAN split, O-RAN SC for the
 * RIC); deployments override them with {@code image}.
 */
public enum CnfFunction {
    AMF(
            "AMF",
            Family.CORE_5G,
            "docker.io/free5gc/amf:v3.4.4",
            "500m",
            "512Mi",
            List.of(Port.tcp("sbi", 8000), Port.sctp("ngap", 38412), Port.tcp("metrics", 9090)),
            false),
    SMF(
            "SMF",
            Family.CORE_5G,
            "docker.io/free5gc/smf:v3.4.4",
            "500m",
            "512Mi",
            List.of(Port.tcp("sbi", 8000), Port.udp("pfcp", 8805), Port.tcp("metrics", 9090)),
            false),
    // the kernel GTP-U datapath needs NET_ADMIN even without DPDK
    UPF(
            "UPF",
            Family.CORE_5G,
            "docker.io/free5gc/upf:v3.4.4",
            "2",
            "2Gi",
            List.of(Port.udp("pfcp", 8805), Port.udp("gtpu", 2152), Port.tcp("metrics", 9090)),
            true),
    NRF(
            "NRF",
            Family.CORE_5G,
            "docker.io/free5gc/nrf:v3.4.4",
            "250m",
            "256Mi",
            List.of(Port.tcp("sbi", 8000), Port.tcp("metrics", 9090)),
            false),
    AUSF(
            "AUSF",
            Family.CORE_5G,
            "docker.io/free5gc/ausf:v3.4.4",
            "250m",
            "256Mi",
            List.of(Port.tcp("sbi", 8000), Port.tcp("metrics", 9090)),
            false),
    UDM(
            "UDM",
            Family.CORE_5G,
            "docker.io/free5gc/udm:v3.4.4",
            "250m",
            "256Mi",
            List.of(Port.tcp("sbi", 8000), Port.tcp("metrics", 9090)),
            false),
    O_DU(
            "O-DU",
            Family.O_RAN,
            "docker.io/oaisoftwarealliance/oai-gnb:2024.w30",
            "4",
            "8Gi",
            List.of(Port.sctp("f1c", 38472), Port.udp("f1u", 2152), Port.tcp("metrics", 9090)),
            false),
    O_CU_CP(
            "O-CU-CP",
            Family.O_RAN,
            "docker.io/oaisoftwarealliance/oai-gnb:2024.w30",
            "1",
            "2Gi",
            List.of(Port.sctp("f1c", 38472), Port.sctp("e1", 38462), Port.tcp("metrics", 9090)),
            false),
    O_CU_UP(
            "O-CU-UP",
            Family.O_RAN,
            "docker.io/oaisoftwarealliance/oai-nr-cuup:2024.w30",
            "2",
            "2Gi",
            List.of(Port.sctp("e1", 38462), Port.udp("f1u", 2152), Port.udp("n3", 2153), Port.tcp("metrics", 9090)),
            false),
    NEAR_RT_RIC(
            "Near-RT-RIC",
            Family.NEAR_RT_RIC,
            "nexus3.o-ran-sc.org:10002/o-ran-sc/ric-plt-e2:6.0.6",
            "1",
            "1Gi",
            List.of(Port.sctp("e2", 36421), Port.tcp("http", 8080), Port.tcp("metrics", 9090)),
            false);

    /** Template families: each gets its own default namespace and {@code app.kubernetes.io/part-of}. */
    public enum Family {
        CORE_5G("5g-core"),
        O_RAN("o-ran"),
        NEAR_RT_RIC("near-rt-ric");

        private final String label;

        Family(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    record Port(String name, int port, String protocol) {
        static Port tcp(String name, int port) {
            return new Port(name, port, "TCP");
        }

        static Port udp(String name, int port) {
            return new Port(name, port, "UDP");
        }

        static Port sctp(String name, int port) {
            return new Port(name, port, "SCTP");
        }
    }

    private final String displayName;
    private final Family family;
    private final String image;
    private final String cpu;
    private final String memory;
    private final List<Port> ports;
    private final boolean needsNetAdmin;

    CnfFunction(
            String displayName,
            Family family,
            String image,
            String cpu,
            String memory,
            List<Port> ports,
            boolean needsNetAdmin) {
        this.displayName = displayName;
        this.family = family;
        this.image = image;
        this.cpu = cpu;
        this.memory = memory;
        this.ports = ports;
        this.needsNetAdmin = needsNetAdmin;
    }

    /** Accepts the names users type: {@code O-DU}, {@code o_du}, {@code Near-RT-RIC}, {@code near-rt-ric}. */
    public static Optional<CnfFunction> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String key = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (CnfFunction function : values()) {
            if (function.name().equals(key)) {
                return Optional.of(function);
            }
        }
        return Optional.empty();
    }

    public String displayName() {
        return displayName;
    }

    /** The lower-case DNS-1123 form used in resource names and {@code app.kubernetes.io/name}. */
    public String dnsName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public Family family() {
        return family;
    }

    String image() {
        return image;
    }

    String cpu() {
        return cpu;
    }

    String memory() {
        return memory;
    }

    List<Port> ports() {
        return ports;
    }

    boolean needsNetAdmin() {
        return needsNetAdmin;
    }
}
