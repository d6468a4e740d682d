/**
 * TMF921 Intent Management v5 resources in TM Forum's own dialect: camelCase members, {@code @type},
 * {@code @baseType} and {@code @schemaLocation}, absent members omitted. Unknown members are ignored on
 * read because TMF resources are extensible through {@code @type}.
 */
package dev.aiops.model.intent.tmf;
