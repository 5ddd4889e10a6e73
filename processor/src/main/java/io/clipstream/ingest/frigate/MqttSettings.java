package io.clipstream.ingest.frigate;

import io.clipstream.ingest.mapping.BoxScales;

/**
 * Frigate's MQTT broker and where its events go.
 *
 * @param url tcp://host:port or ssl://host:port
 * @param topic Frigate's events topic
 * @param clientId stable client id of the persistent session
 * @param scales detect-stream-to-recording pixel factors per camera
 * @param eventsTopic the contract topic of events
 * @param detectionsTopic the contract topic of detection frames
 */
public record MqttSettings(
    String url,
    String topic,
    String clientId,
    BoxScales scales,
    String eventsTopic,
    String detectionsTopic) {}
