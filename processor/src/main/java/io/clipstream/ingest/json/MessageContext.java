package io.clipstream.ingest.json;

import io.clipstream.ingest.mapping.BoxScales;
import java.util.Optional;

/**
 * What a payload mapper may fall back on when the payload is silent: the record's key and
 * timestamp, the configured default camera, and the per-camera box scales.
 *
 * @param recordKey the Kafka key of the message, or null
 * @param recordTimestampMs the Kafka timestamp of the message
 * @param defaultCamera camera id used when neither the payload nor the key names one
 * @param scales detector-to-recording pixel factors per camera
 */
public record MessageContext(
    String recordKey, long recordTimestampMs, Optional<String> defaultCamera, BoxScales scales) {

  /** The payload's camera, else the record key, else the default camera. */
  String camera(Optional<String> fromPayload, String format, String payloadField) {
    return fromPayload
        .or(() -> Optional.ofNullable(recordKey).filter(k -> !k.isBlank()))
        .or(() -> defaultCamera)
        .orElseThrow(
            () ->
                new io.clipstream.ingest.mapping.UnmappableMessageException(
                    format
                        + ": no camera id: the payload has no '"
                        + payloadField
                        + "', the record has no key and ingest.camera.default is not set;"
                        + " set one of them"));
  }
}
