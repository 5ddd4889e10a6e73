package io.clipstream.render;

/** What one source contributed to a clip, for the side-car: its frame range on both timelines. */
final class SourceStats {

  final PlannedSource planned;
  long firstPts = -1;
  long lastPts = -1;
  long decodedInRange;
  int firstOutputIndex = -1;
  int lastOutputIndex = -1;

  SourceStats(PlannedSource planned) {
    this.planned = planned;
  }

  void decoded(long pts) {
    if (firstPts < 0) {
      firstPts = pts;
    }
    lastPts = pts;
    decodedInRange++;
  }

  void written(int outputIndex) {
    if (firstOutputIndex < 0) {
      firstOutputIndex = outputIndex;
    }
    lastOutputIndex = outputIndex;
  }
}
