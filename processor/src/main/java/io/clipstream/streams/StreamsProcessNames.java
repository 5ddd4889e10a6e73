package io.clipstream.streams;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Reads the process id (a UUID per Kafka Streams client, kept in its state directory) out of the
 * names Kafka Streams gives its clients when {@code client.id} is not set. Checked on Kafka Streams
 * 4.3.1 under {@code exactly_once_v2} ({@code DeadMemberTransactionFencerIT}): the stream thread's
 * producer has the transactional id {@code <application.id>-<process id>-<thread index>}, and its
 * consumer the client id {@code <application.id>-<process id>-StreamThread-<n>-consumer} (static
 * membership changes the member id, not the client id).
 */
final class StreamsProcessNames {

  private static final int UUID_LENGTH = 36;

  private StreamsProcessNames() {}

  /**
   * The process id in {@code transactionalId} when it is a stream thread's transactional id of
   * {@code applicationId}; empty for anything else (another application, a name that merely starts
   * with this application id).
   */
  static Optional<UUID> ofTransactionalId(String applicationId, String transactionalId) {
    return after(applicationId, transactionalId)
        .filter(rest -> rest.length() > UUID_LENGTH + 1 && rest.charAt(UUID_LENGTH) == '-')
        .filter(rest -> rest.substring(UUID_LENGTH + 1).chars().allMatch(Character::isDigit))
        .flatMap(rest -> uuid(rest.substring(0, UUID_LENGTH)));
  }

  /**
   * The process id in a member's {@code clientId} when Kafka Streams chose it ({@code
   * <application.id>-<process id>-...}); empty when the client id was set by the user.
   */
  static Optional<UUID> ofClientId(String applicationId, String clientId) {
    return after(applicationId, clientId)
        .filter(rest -> rest.length() > UUID_LENGTH && rest.charAt(UUID_LENGTH) == '-')
        .flatMap(rest -> uuid(rest.substring(0, UUID_LENGTH)));
  }

  /** The process ids named by {@code clientIds}; client ids without one are skipped. */
  static Set<UUID> ofClientIds(String applicationId, Collection<String> clientIds) {
    return clientIds.stream()
        .map(c -> ofClientId(applicationId, c))
        .flatMap(Optional::stream)
        .collect(Collectors.toSet());
  }

  /**
   * The transactional ids among {@code ongoing} whose owning process is not among {@code
   * liveProcesses}, in the order given; ids of other applications are never among them.
   */
  static List<String> withoutLiveOwner(
      String applicationId, Collection<String> ongoing, Set<UUID> liveProcesses) {
    return ongoing.stream()
        .filter(
            id ->
                ofTransactionalId(applicationId, id)
                    .map(p -> !liveProcesses.contains(p))
                    .orElse(false))
        .toList();
  }

  private static Optional<String> after(String applicationId, String name) {
    String prefix = applicationId + "-";
    return name.startsWith(prefix)
        ? Optional.of(name.substring(prefix.length()))
        : Optional.empty();
  }

  private static Optional<UUID> uuid(String text) {
    try {
      UUID id = UUID.fromString(text);
      // UUID.fromString accepts shortened groups; only the canonical form is Kafka Streams'.
      return id.toString().equalsIgnoreCase(text) ? Optional.of(id) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
