package io.clipstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Four tracked boxes moving a few pixels every frame, drawn the same way by both sides of the
 * matrix: for Clipstream as detections (JSONL, one line per box and frame), for the ffmpeg CLI as
 * four {@code drawbox} filters moved frame by frame through {@code sendcmd}.
 *
 * @param width picture width
 * @param height picture height
 * @param frames frames of the input
 * @param fps its frame rate
 */
public record MovingBoxes(int width, int height, int frames, int fps) {

  /** How many boxes, as the reference (4 moving boxes). */
  public static final int COUNT = 4;

  /** Outline thickness of the CLI's boxes; Clipstream's default box line is as thick at 720p. */
  static final int THICKNESS = 3;

  private static final String[] COLORS = {"red", "yellow", "cyan", "lime"};

  /** Box {@code i} at frame {@code n}: x, y, w, h (even numbers, inside the picture). */
  int[] box(int i, int n) {
    int w = even(width / 8);
    int h = even(height / 4);
    int x = even(width / 16 + i * width / 4 + (2 * n) % (width / 8));
    int y = even(height / 8 + (i % 2) * height / 3 + n % (height / 8));
    return new int[] {x, y, w, h};
  }

  /** Detections for {@code clipstream render --detections}: every box on every frame. */
  public Path writeDetections(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int n = 0; n < frames; n++) {
      for (int i = 0; i < COUNT; i++) {
        int[] b = box(i, n);
        lines.add(
            String.format(
                Locale.ROOT,
                "{\"frame_idx\": %d, \"bbox\": [%d, %d, %d, %d], \"label\": \"person\","
                    + " \"score\": 0.9, \"track_id\": %d}",
                n,
                b[0],
                b[1],
                b[0] + b[2],
                b[1] + b[3],
                i + 1));
      }
    }
    return Files.write(file, lines);
  }

  /**
   * The CLI's filter: {@code sendcmd} reading {@code commands} (written here) and the four named
   * {@code drawbox} filters it moves.
   */
  public String drawboxFilter(Path commands) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int n = 1; n < frames; n++) {
      List<String> moves = new ArrayList<>();
      for (int i = 0; i < COUNT; i++) {
        int[] b = box(i, n);
        moves.add("drawbox@b" + i + " x " + b[0]);
        moves.add("drawbox@b" + i + " y " + b[1]);
      }
      // A little before the frame's time so that the move applies to that frame.
      double t = Math.max(0, n / (double) fps - 0.001);
      lines.add(String.format(Locale.ROOT, "%.4f %s;", t, String.join(", ", moves)));
    }
    Files.write(commands, lines);
    StringBuilder filter =
        new StringBuilder("sendcmd=f='").append(commands.toString().replace("'", "")).append("'");
    for (int i = 0; i < COUNT; i++) {
      int[] b = box(i, 0);
      filter.append(
          String.format(
              Locale.ROOT,
              ",drawbox@b%d=x=%d:y=%d:w=%d:h=%d:color=%s@1:t=%d",
              i,
              b[0],
              b[1],
              b[2],
              b[3],
              COLORS[i],
              THICKNESS));
    }
    return filter.toString();
  }

  private static int even(int v) {
    return v & ~1;
  }
}
