package dev.aiops.model.cluster;

/** Kinds of cloud-native network function workloads discovered on a cluster. */
public enum CnfType {
    VDU,
    VCU,
    UPF,
    AMF,
    SMF,
    OTHER
}
