#!/usr/bin/env python3
"""Regenerate the data of the embedded demo (``clipstream demo``).

Writes, under ``processor/src/main/resources/demo/``:

* ``recordings/<camera>/<yyyyMMdd-HHmmss>.mp4`` -- NVR-style segments, cut from the source videos with
  ffmpeg stream copy (no re-encode) at keyframes, ``-movflags +faststart``, video only;
* ``segments.jsonl``   -- one ``Segment`` per line; ``uri`` is ``${recordings}/<camera>/<file>.mp4``,
  the demo command replaces the literal ``${recordings}`` with a ``file:///...`` directory URI;
* ``detections.jsonl`` -- one ``DetectionFrame`` per processed frame (the detector sees every second frame);
* ``events.jsonl``     -- ``Event`` open/close line pairs derived from the tracks, in time order.

Cameras: ``cam-office`` = one-by-one-person-detection.mp4 (OpenCV HOG people detector), recording starts
2024-05-24T09:00:00Z; ``cam-street`` = car-detection.mp4 (OpenCV MOG2 background subtraction, label
``car``), recording starts 2024-05-24T09:00:10Z. A greedy IoU tracker gives the boxes stable track ids.

Run from anywhere (takes about two minutes, HOG is the slow part)::

    apt-get install -y python3-opencv ffmpeg      # Debian/Ubuntu; needs cv2 + numpy and ffmpeg/ffprobe
    /usr/bin/python3 samples/demo/make_demo_data.py [--source /work/shared/data] [--out DIR]

(``/usr/bin/python3``: the system interpreter that Debian's ``python3-opencv`` installs into.)
The output is deterministic for a given ffmpeg/OpenCV version. The script also verifies what it wrote:
every segment is probed (moov before mdat, start time 0, frame count), its decoded frames are compared
with the source's (frame MD5s), segments must tile the recording with no gap or overlap, every JSON line
must parse and be in time order, and events must lie inside the recorded time.

The videos are from Intel Corporation's ``intel-iot-devkit/sample-videos`` (CC BY 4.0, (c) Intel
Corporation); the detections and events derived from them carry the same attribution.
"""
import argparse
import hashlib
import json
import math
import os
import shutil
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import cv2
import numpy as np

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_OUT = os.path.join(REPO, "processor", "src", "main", "resources", "demo")
DEFAULT_SOURCE = "/work/shared/data"

CAMERAS = [
    {"id": "cam-office", "file": "one-by-one-person-detection.mp4",
     "start": datetime(2024, 5, 24, 9, 0, 0, tzinfo=timezone.utc),
     "segment_s": 20.0, "detector": "hog", "event_prefix": "office", "trigger": "person-entered",
     "min_event_s": 3.0, "max_events": 5},
    {"id": "cam-street", "file": "car-detection.mp4",
     "start": datetime(2024, 5, 24, 9, 0, 10, tzinfo=timezone.utc),
     "segment_s": 10.0, "detector": "mog2", "event_prefix": "street", "trigger": "vehicle-passing",
     "min_event_s": 2.0, "max_events": 2},
]
EVERY = 2            # run the detector on every second frame
MAX_EVENT_S = 15.0   # an event's end is capped at start + 15 s
EMPTY_EVERY_S = 1.0  # at most one empty DetectionFrame line per second
ATTRIBUTION = """# Attribution

The recordings in `recordings/` are stream-copied cuts of `one-by-one-person-detection.mp4` (cam-office) and
`car-detection.mp4` (cam-street) from Intel Corporation's public repository `intel-iot-devkit/sample-videos`,
licensed under Creative Commons Attribution 4.0 International (CC BY 4.0), (c) Intel Corporation.
`detections.jsonl` and `events.jsonl` are derived from them and carry the same attribution.
Made by `samples/demo/make_demo_data.py`.
"""


def run(cmd):
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def iso(t):
    return t.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


def ms(seconds):
    """Seconds -> timedelta rounded to whole milliseconds."""
    return timedelta(milliseconds=round(seconds * 1000))


def probe_packets(path):
    """Video packets of a file in decode order: (pts seconds, is_keyframe)."""
    out = run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "packet=pts_time,flags",
               "-of", "csv=p=0", path])
    pk = []
    for line in out.split():
        pts, flags = line.split(",")[:2]
        pk.append((float(pts), "K" in flags))
    return pk


def probe_stream(path):
    out = run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
               "stream=codec_name,width,height,r_frame_rate,start_time,duration,nb_frames", "-of", "json", path])
    s = json.loads(out)["streams"][0]
    num, den = s["r_frame_rate"].split("/")
    return {"codec": s["codec_name"], "width": int(s["width"]), "height": int(s["height"]),
            "fps": float(num) / float(den), "start_time": float(s["start_time"]),
            "duration": float(s["duration"]), "nb_frames": int(s["nb_frames"])}


def frame_md5s(path):
    out = run(["ffmpeg", "-v", "error", "-i", path, "-map", "0:v:0", "-f", "framemd5", "-"])
    return [line.split(",")[-1].strip() for line in out.splitlines() if line and not line.startswith("#")]


def moov_before_mdat(path):
    out = subprocess.run(["ffprobe", "-v", "trace", path], capture_output=True, text=True).stderr
    i, j = out.find("type:'moov'"), out.find("type:'mdat'")
    return 0 <= i < j


# ---------------------------------------------------------------------------------------------- segments

def make_segments(cam, src, out_dir):
    packets = probe_packets(src)
    info = probe_stream(src)
    pts_sorted = sorted(p for p, _ in packets)
    keys = sorted(p for p, k in packets if k)
    end_all = info["duration"]
    target = cam["segment_s"]
    # Greedy: cut at the keyframe nearest to start + target; never leave a tail shorter than target / 2.
    cuts = [keys[0]]
    while True:
        cands = [k for k in keys if k > cuts[-1] + 1e-6]
        if not cands:
            break
        k = min(cands, key=lambda k: (abs(k - cuts[-1] - target), k))
        if end_all - k < target / 2:
            break
        cuts.append(k)
    cam_dir = os.path.join(out_dir, "recordings", cam["id"])
    os.makedirs(cam_dir, exist_ok=True)
    src_md5 = frame_md5s(src)
    segs = []
    for i, k in enumerate(cuts):
        nxt = cuts[i + 1] if i + 1 < len(cuts) else math.inf
        nframes = sum(1 for p in pts_sorted if k - 1e-6 <= p < nxt - 1e-6)
        first_index = sum(1 for p in pts_sorted if p < k - 1e-6)
        start = cam["start"] + ms(k)
        name = start.strftime("%Y%m%d-%H%M%S") + ".mp4"
        path = os.path.join(cam_dir, name)
        # Closed GOPs: the packets of frames [k, next keyframe) are contiguous in decode order, so
        # "-ss k" (input seek to the keyframe) + "-frames:v n" copies exactly those frames.
        run(["ffmpeg", "-v", "error", "-y", "-ss", f"{k:.6f}", "-i", src, "-map", "0:v:0", "-an", "-sn", "-dn",
             "-c", "copy", "-frames:v", str(nframes), "-fflags", "+bitexact", "-movflags", "+faststart", path])
        p = probe_stream(path)
        assert abs(p["start_time"]) < 1e-6, (path, p)
        assert p["nb_frames"] == nframes, (path, p, nframes)
        assert moov_before_mdat(path), path
        seg_md5 = frame_md5s(path)
        assert seg_md5 == src_md5[first_index:first_index + nframes], f"{path}: frames differ from source"
        segs.append({"camera_id": cam["id"], "uri": "${recordings}/" + cam["id"] + "/" + name,
                     "start": start, "end": start + ms(p["duration"]), "fps": round(p["fps"], 6),
                     "width": p["width"], "height": p["height"], "codec": p["codec"],
                     "size_bytes": os.path.getsize(path), "frame_count": p["nb_frames"],
                     "_first_pts": k})
    return segs, pts_sorted


# -------------------------------------------------------------------------------------------- detectors

class HogPeople:
    """OpenCV's default HOG people detector on a downscaled, border-padded frame, with NMS.

    The people in cam-office are about as tall as the frame, far larger than the 64x128 HOG window, so the
    frame is scaled *down* (0.35) and padded (heads and feet touch the frame edge). The HOG window has a
    margin around the person; boxes are shrunk to it and clipped to the frame.
    """
    name = "opencv-hog"
    label = "person"
    SCALE, PAD = 0.35, 48

    def __init__(self):
        self.hog = cv2.HOGDescriptor()
        self.hog.setSVMDetector(cv2.HOGDescriptor_getDefaultPeopleDetector())

    def __call__(self, frame, w, h):
        s, pad = self.SCALE, self.PAD
        small = cv2.resize(frame, None, fx=s, fy=s, interpolation=cv2.INTER_AREA)
        small = cv2.copyMakeBorder(small, pad, pad, pad, pad, cv2.BORDER_REPLICATE)
        rects, weights = self.hog.detectMultiScale(small, winStride=(4, 4), padding=(8, 8), scale=1.05)
        boxes = []
        for (x, y, bw, bh), wt in zip(rects, np.ravel(weights)):
            # the person fills about the middle 60% of the window's width and 84% of its height
            x1, x2 = x + 0.2 * bw, x + 0.8 * bw
            y1, y2 = y + 0.08 * bh, y + 0.92 * bh
            box = [(x1 - pad) / s, (y1 - pad) / s, (x2 - pad) / s, (y2 - pad) / s]
            box = [max(0.0, min(w, box[0])), max(0.0, min(h, box[1])), max(0.0, min(w, box[2])),
                   max(0.0, min(h, box[3]))]
            score = 1.0 / (1.0 + math.exp(-2.0 * float(wt)))  # SVM margin -> (0, 1)
            if score >= 0.6 and box[2] - box[0] > 20 and box[3] - box[1] > 60:  # drop weak hits
                boxes.append(box + [score])
        return nms(boxes, 0.4)

    def observe(self, frame):
        pass


class Mog2:
    """MOG2 background subtraction: foreground blobs -> boxes (as samples/footage/detect_people.py)."""
    name = "opencv-mog2"
    label = "car"

    def __init__(self, min_area=2500):
        self.sub = cv2.createBackgroundSubtractorMOG2(history=300, varThreshold=32, detectShadows=True)
        self.kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (7, 7))
        self.min_area = min_area
        self.mask = None

    def observe(self, frame):  # the background model sees every frame
        self.mask = self.sub.apply(frame)

    def __call__(self, frame, w, h):
        _, fg = cv2.threshold(self.mask, 200, 255, cv2.THRESH_BINARY)
        if cv2.countNonZero(fg) > 0.45 * w * h:
            return []  # a global change (exposure jump at the end of car-detection.mp4), not an object
        fg = cv2.morphologyEx(fg, cv2.MORPH_OPEN, self.kernel)
        fg = cv2.dilate(fg, self.kernel, iterations=3)
        contours, _ = cv2.findContours(fg, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        boxes = []
        for c in contours:
            x, y, bw, bh = cv2.boundingRect(c)
            if bw * bh >= self.min_area and bw > 40 and bh > 40:
                fill = cv2.contourArea(c) / float(bw * bh)
                boxes.append([x, y, x + bw, y + bh, min(0.95, 0.4 + 0.6 * fill)])
        if len(boxes) > 5:
            return []  # many blobs at once: the exposure jump in the last half second, not cars
        return nms(boxes, 0.3)


def iou(a, b):
    x1, y1, x2, y2 = max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])
    inter = max(0.0, x2 - x1) * max(0.0, y2 - y1)
    u = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / u if u > 0 else 0.0


def inside(a, b):
    """Share of the smaller box's area that lies in the other box."""
    x1, y1, x2, y2 = max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])
    inter = max(0.0, x2 - x1) * max(0.0, y2 - y1)
    small = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return inter / small if small > 0 else 0.0


def nms(boxes, thr):
    """Non-max suppression by IoU; also drops a box mostly inside a better one (HOG's nested hits)."""
    keep = []
    for b in sorted(boxes, key=lambda b: (-b[4], b[0], b[1])):
        if all(iou(b, k) < thr and inside(b, k) < 0.7 for k in keep):
            keep.append(b)
    return keep


class IouTracker:
    """Greedy IoU matching; a track survives `max_missed` processed frames without a match, and its box
    is smoothed with an exponential moving average (alpha) so it does not jitter."""

    def __init__(self, min_iou=0.3, max_missed=10, alpha=0.6):
        self.min_iou, self.max_missed, self.alpha = min_iou, max_missed, alpha
        self.tracks = {}  # id -> {"box", "missed"}
        self.next_id = 1

    def update(self, boxes):
        pairs = sorted(((iou(b, t["box"]), bi, tid) for bi, b in enumerate(boxes)
                        for tid, t in self.tracks.items()), reverse=True)
        used_b, used_t, out = set(), set(), []
        for v, bi, tid in pairs:
            if v < self.min_iou or bi in used_b or tid in used_t:
                continue
            used_b.add(bi); used_t.add(tid)
            t = self.tracks[tid]
            a = self.alpha
            t["box"] = [a * n + (1 - a) * o for n, o in zip(boxes[bi][:4], t["box"][:4])]
            t["missed"] = 0
            out.append((tid, t["box"], boxes[bi][4]))
        for bi, b in enumerate(boxes):
            if bi not in used_b:
                tid = self.next_id; self.next_id += 1
                self.tracks[tid] = {"box": list(b[:4]), "missed": 0}
                out.append((tid, b[:4], b[4]))
        for tid in list(self.tracks):
            if tid not in used_t and not any(o[0] == tid for o in out):
                self.tracks[tid]["missed"] += 1
                if self.tracks[tid]["missed"] > self.max_missed:
                    del self.tracks[tid]
        return sorted(out)


def detect(cam, src, pts_sorted):
    det = HogPeople() if cam["detector"] == "hog" else Mog2()
    tracker = IouTracker()
    cap = cv2.VideoCapture(src)
    lines, seen = [], {}  # seen: track id -> [first time, last time, n]
    last_empty, n = None, 0
    while True:
        ok, frame = cap.read()
        if not ok:
            break
        h, w = frame.shape[:2]
        det.observe(frame)
        if n % EVERY == 0 and n < len(pts_sorted) and (cam["detector"] != "mog2" or n >= 30):
            t = cam["start"] + ms(pts_sorted[n])
            dets = []
            for tid, box, score in tracker.update(det(frame, w, h)):
                b = [int(round(v)) for v in box]
                dets.append({"box": b, "label": det.label, "score": round(float(score), 2), "track_id": tid})
                s = seen.setdefault(tid, [t, t, 0]); s[1] = t; s[2] += 1
            if dets or last_empty is None or (t - last_empty).total_seconds() >= EMPTY_EVERY_S - 1e-9:
                if not dets:
                    last_empty = t
                lines.append({"camera_id": cam["id"], "capture_time": t, "frame_index": n, "frame_width": w,
                              "frame_height": h, "model": det.name, "detections": dets})
        n += 1
    return lines, seen


def make_events(cam, seen, segs):
    rec_start, rec_end = segs[0]["start"], segs[-1]["end"]
    step = EVERY / segs[0]["fps"]  # seconds between processed frames
    tracks = [(tid, a, b) for tid, (a, b, cnt) in seen.items()
              if (b - a).total_seconds() >= cam["min_event_s"]
              and cnt * step >= 0.6 * (b - a).total_seconds()]  # seen in most processed frames
    tracks.sort(key=lambda x: (-(x[2] - x[1]).total_seconds(), x[0]))
    tracks = sorted(tracks[:cam["max_events"]], key=lambda x: (x[1], x[0]))
    events = []
    for i, (tid, a, b) in enumerate(tracks, 1):
        start = max(a, rec_start)
        end = min(b, start + timedelta(seconds=MAX_EVENT_S), rec_end)
        events.append({"event_id": f"{cam['event_prefix']}-{i:04d}", "camera_id": cam["id"],
                       "trigger": cam["trigger"], "start": start, "end": end, "focus_track_ids": [tid],
                       "attributes": {"source": "demo"}})
    return events


# ------------------------------------------------------------------------------------------------ output

def to_json(obj):
    return json.dumps({k: (iso(v) if isinstance(v, datetime) else v) for k, v in obj.items()
                       if not k.startswith("_")}, separators=(",", ":"))


def write_jsonl(path, rows):
    with open(path, "w") as f:
        for r in rows:
            f.write(to_json(r) + "\n")


def verify(out_dir, all_segs, det_lines, event_lines):
    for segs in all_segs:
        for a, b in zip(segs, segs[1:]):
            gap = (b["start"] - a["end"]).total_seconds()
            assert abs(gap) <= 1.0 / a["fps"] + 1e-3, (a["uri"], b["uri"], gap)
    for name in ("segments.jsonl", "detections.jsonl", "events.jsonl"):
        with open(os.path.join(out_dir, name)) as f:
            rows = [json.loads(line) for line in f]
        assert rows, name
    # time order
    assert all(x["capture_time"] <= y["capture_time"] for x, y in zip(det_lines, det_lines[1:]))
    ev_t = [r.get("end", r["start"]) for r in event_lines]
    assert ev_t == sorted(ev_t), "events out of order"
    for r in event_lines:
        segs = next(s for s in all_segs if s[0]["camera_id"] == r["camera_id"])
        assert segs[0]["start"] <= r["start"] and r.get("end", r["start"]) <= segs[-1]["end"], r
    total = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(out_dir) for f in fs)
    assert total < 12 * 1024 * 1024, total
    return total


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", default=DEFAULT_SOURCE, help="folder with the Intel sample videos")
    ap.add_argument("--out", default=DEFAULT_OUT, help="demo resources folder (replaced)")
    a = ap.parse_args()
    if os.path.isdir(os.path.join(a.out, "recordings")):
        shutil.rmtree(os.path.join(a.out, "recordings"))
    os.makedirs(a.out, exist_ok=True)
    cv2.setNumThreads(1)  # deterministic and reproducible
    all_segs, det_lines, events = [], [], []
    for cam in CAMERAS:
        src = os.path.join(a.source, cam["file"])
        segs, pts_sorted = make_segments(cam, src, a.out)
        all_segs.append(segs)
        lines, seen = detect(cam, src, pts_sorted)
        det_lines += lines
        events += make_events(cam, seen, segs)
        print(f"{cam['id']}: {len(segs)} segments, {len(lines)} detection lines, "
              f"{len(seen)} tracks", file=sys.stderr)
    det_lines.sort(key=lambda r: (r["capture_time"], r["camera_id"]))
    event_lines = []
    for e in events:
        event_lines.append(({k: v for k, v in e.items() if k != "end"}, e["start"], 0))
        event_lines.append((e, e["end"], 1))
    event_lines.sort(key=lambda x: (x[1], x[2], x[0]["event_id"]))
    event_lines = [x[0] for x in event_lines]
    with open(os.path.join(a.out, "ATTRIBUTION.md"), "w") as f:
        f.write(ATTRIBUTION)
    write_jsonl(os.path.join(a.out, "segments.jsonl"), [s for segs in all_segs for s in segs])
    write_jsonl(os.path.join(a.out, "detections.jsonl"), det_lines)
    write_jsonl(os.path.join(a.out, "events.jsonl"), event_lines)
    total = verify(a.out, all_segs, det_lines, event_lines)
    for e in events:
        print(f"  {e['event_id']} {e['camera_id']} {iso(e['start'])} .. {iso(e['end'])} "
              f"tracks {e['focus_track_ids']}", file=sys.stderr)
    print(f"wrote {a.out} ({total / 1e6:.2f} MB)", file=sys.stderr)


if __name__ == "__main__":
    main()
