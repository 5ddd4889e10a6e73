package io.clipstream.ingest.frigate;

import io.clipstream.contracts.DetectionFrame;
import io.clipstream.contracts.Event;
import io.clipstream.ingest.mapping.UnmappableMessageException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes to Frigate's events topic (QoS 1, persistent session, automatic reconnection) and
 * publishes each message's event and detections to Kafka before acknowledging it: a message is
 * acknowledged to the broker only once Kafka has its records, and the broker keeps what arrives
 * while Clipstream is down for the same client id. A redelivered message produces the same records
 * (same event id and detection key), which the planner treats as a replay.
 */
public final class FrigateMqttBridge implements MqttCallbackExtended, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FrigateMqttBridge.class);
  static final String ERROR_MESSAGE = "__streams.errors.message";

  private final MqttSettings settings;
  private final Producer<String, byte[]> producer;
  private final Serializer<Event> events;
  private final Serializer<DetectionFrame> frames;
  private final String deadLetterTopic;
  private final MqttClient client;
  private final AtomicLong forwarded = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();

  private FrigateMqttBridge(
      MqttSettings settings,
      Producer<String, byte[]> producer,
      Serializer<Event> events,
      Serializer<DetectionFrame> frames,
      String deadLetterTopic)
      throws MqttException {
    this.settings = settings;
    this.producer = producer;
    this.events = events;
    this.frames = frames;
    this.deadLetterTopic = deadLetterTopic;
    this.client = new MqttClient(settings.url(), settings.clientId(), new MemoryPersistence());
  }

  /** Connects and subscribes; after a first connection, lost ones are re-established. */
  public static FrigateMqttBridge start(
      MqttSettings settings,
      Producer<String, byte[]> producer,
      Serializer<Event> events,
      Serializer<DetectionFrame> frames,
      String deadLetterTopic) {
    try {
      FrigateMqttBridge bridge =
          new FrigateMqttBridge(settings, producer, events, frames, deadLetterTopic);
      bridge.client.setCallback(bridge);
      try {
        bridge.client.connect(MqttConnection.options(settings));
      } catch (MqttException e) {
        bridge.client.close();
        throw e;
      }
      return bridge;
    } catch (MqttException e) {
      throw new IllegalStateException(MqttConnection.explain(settings, e), e);
    }
  }

  @Override
  public void connectComplete(boolean reconnect, String serverUri) {
    try {
      // Subscribing again is harmless with a persistent session and needed if the broker lost it.
      client.subscribe(settings.topic(), 1);
      LOG.info(
          "{} MQTT broker {}; subscribed to {} (QoS 1, session {})",
          reconnect ? "Reconnected to" : "Connected to",
          serverUri,
          settings.topic(),
          settings.clientId());
    } catch (MqttException e) {
      LOG.error("Cannot subscribe to {} on {}: {}", settings.topic(), serverUri, e.toString());
    }
  }

  @Override
  public void connectionLost(Throwable cause) {
    LOG.warn("MQTT connection to {} lost ({}); reconnecting", settings.url(), cause.toString());
  }

  /**
   * Throwing here makes Paho drop the connection without acknowledging: the broker redelivers the
   * message after the reconnection. That is what a Kafka failure should do.
   */
  @Override
  public void messageArrived(String topic, MqttMessage message) throws Exception {
    byte[] payload = message.getPayload();
    List<Future<RecordMetadata>> sends = new ArrayList<>();
    try {
      FrigateMessage mapped = FrigateMessage.parse(payload, settings.scales());
      Event event = mapped.event();
      mapped
          .detections()
          .ifPresent(
              f ->
                  sends.add(
                      producer.send(
                          new ProducerRecord<>(
                              settings.detectionsTopic(),
                              f.getCameraId(),
                              frames.serialize(settings.detectionsTopic(), f)))));
      sends.add(
          producer.send(
              new ProducerRecord<>(
                  settings.eventsTopic(),
                  event.getCameraId(),
                  events.serialize(settings.eventsTopic(), event))));
      forwarded.incrementAndGet();
    } catch (UnmappableMessageException e) {
      rejected.incrementAndGet();
      LOG.warn("MQTT message on {} sent to {}: {}", topic, deadLetterTopic, e.getMessage());
      RecordHeaders headers = new RecordHeaders();
      headers.add(ERROR_MESSAGE, e.getMessage().getBytes(StandardCharsets.UTF_8));
      headers.add("clipstream.mqtt.topic", topic.getBytes(StandardCharsets.UTF_8));
      sends.add(
          producer.send(
              new ProducerRecord<>(deadLetterTopic, null, null, (String) null, payload, headers)));
    }
    for (Future<RecordMetadata> send : sends) {
      try {
        send.get(60, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        LOG.error(
            "Kafka did not take the records of an MQTT message ({}); it will come again",
            e.toString());
        throw e;
      }
    }
  }

  @Override
  public void deliveryComplete(IMqttDeliveryToken token) {
    // this client publishes nothing
  }

  public boolean connected() {
    return client.isConnected();
  }

  public String summary() {
    return (connected() ? "CONNECTED" : "RECONNECTING")
        + " forwarded="
        + forwarded.get()
        + " rejected="
        + rejected.get();
  }

  @Override
  public void close() {
    try {
      if (client.isConnected()) {
        client.disconnect(5_000);
      }
      client.close();
    } catch (MqttException e) {
      LOG.warn("Closing the MQTT client: {}", e.toString());
    }
  }
}
