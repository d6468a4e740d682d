package dev.aiops.model.intelligence;

/** How an anomaly was found. */
public enum DetectionType {
    STATISTICAL,
    ML_BASED,
    LLM_ASSISTED
}
