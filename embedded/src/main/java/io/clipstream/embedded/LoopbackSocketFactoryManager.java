package io.clipstream.embedded;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.PreboundSocketFactoryManager;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.server.ServerSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pre-binds the broker's and controller's listener sockets on 127.0.0.1 instead of on all
 * interfaces.
 *
 * <p>{@link KafkaClusterTestKit} pre-binds every listener socket with {@code new
 * InetSocketAddress(0)} (the wildcard address) so that it knows the ports before the servers start,
 * and hands those sockets to the servers whatever host the {@code listeners} config names. The
 * builder offers no hook for this, so {@link #install} swaps the builder's private manager for this
 * one. It overrides exactly the methods the builder and the servers call in Kafka 4.3.
 */
final class LoopbackSocketFactoryManager extends PreboundSocketFactoryManager {

  private static final Logger LOG = LoggerFactory.getLogger(LoopbackSocketFactoryManager.class);

  private final Map<Integer, Map<String, ServerSocketChannel>> sockets = new HashMap<>();
  private final Map<Integer, Set<String>> used = new HashMap<>();

  /**
   * Installs a loopback manager into {@code builder}. Returns false (and logs why) if this Kafka
   * version's builder has a different shape; the broker then listens on all interfaces, and {@code
   * EmbeddedKafkaTest} (and the test kit's {@code LoopbackOnlyIT}) fail to flag it.
   */
  static boolean install(KafkaClusterTestKit.Builder builder) {
    try {
      Field field = KafkaClusterTestKit.Builder.class.getDeclaredField("socketFactoryManager");
      field.setAccessible(true);
      field.set(builder, new LoopbackSocketFactoryManager());
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn(
          "Cannot make the in-process broker listen on 127.0.0.1 only ({}); it listens on all interfaces. "
              + "Update LoopbackSocketFactoryManager for this Kafka version.",
          e.toString());
      return false;
    }
  }

  @Override
  public synchronized int getOrCreatePortForListener(int nodeId, String listener)
      throws IOException {
    Map<String, ServerSocketChannel> forNode =
        sockets.computeIfAbsent(nodeId, id -> new HashMap<>());
    ServerSocketChannel channel = forNode.get(listener);
    if (channel == null) {
      // The IP literal, not InetAddress.getLoopbackAddress(): that may be ::1 on IPv6-first JVMs,
      // while the listeners advertise 127.0.0.1.
      channel =
          ServerSocketFactory.INSTANCE.openServerSocket(
              listener, new InetSocketAddress(EmbeddedKafka.HOST, 0), -1, -1);
      forNode.put(listener, channel);
    }
    return ((InetSocketAddress) channel.getLocalAddress()).getPort();
  }

  @Override
  public synchronized ServerSocketChannel getSocketForListenerAndMarkAsUsed(
      int nodeId, String listener) {
    ServerSocketChannel channel = sockets.getOrDefault(nodeId, Map.of()).get(listener);
    if (channel != null) {
      used.computeIfAbsent(nodeId, id -> new HashSet<>()).add(listener);
    }
    return channel;
  }

  @Override
  public synchronized void close() {
    // Sockets handed to a server are that server's to close; the others are ours.
    sockets.forEach(
        (nodeId, forNode) ->
            forNode.forEach(
                (listener, channel) -> {
                  if (!used.getOrDefault(nodeId, Set.of()).contains(listener)) {
                    Utils.closeQuietly(channel, "serverSocketChannel");
                  }
                }));
    try {
      super.close(); // marks the manager closed; its own maps are empty
    } catch (Exception e) {
      LOG.warn("Closing the pre-bound socket manager failed: {}", e.toString());
    }
  }
}
