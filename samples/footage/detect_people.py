"""Background-subtraction person detector + IoU tracker: writes cv-evidence-renderer JSONL.

Runs the detector on every `--every`-th frame, as a detector slower than the video would.
"""
import json, sys, argparse
import cv2

ap = argparse.ArgumentParser()
ap.add_argument("video"); ap.add_argument("out"); ap.add_argument("--every", type=int, default=2)
ap.add_argument("--min-area", type=int, default=1500)
a = ap.parse_args()
cap = cv2.VideoCapture(a.video)
sub = cv2.createBackgroundSubtractorMOG2(history=300, varThreshold=32, detectShadows=True)
kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (7, 7))
tracks = {}  # id -> last box
next_id = 1
def iou(a, b):
    x1, y1, x2, y2 = max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])
    inter = max(0, x2 - x1) * max(0, y2 - y1)
    u = (a[2]-a[0])*(a[3]-a[1]) + (b[2]-b[0])*(b[3]-b[1]) - inter
    return inter / u if u > 0 else 0
n = 0
with open(a.out, "w") as out:
    while True:
        ok, frame = cap.read()
        if not ok:
            break
        mask = sub.apply(frame)
        if n % a.every == 0 and n > 30:
            _, fg = cv2.threshold(mask, 200, 255, cv2.THRESH_BINARY)
            fg = cv2.morphologyEx(fg, cv2.MORPH_OPEN, kernel)
            fg = cv2.dilate(fg, kernel, iterations=3)
            contours, _ = cv2.findContours(fg, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
            boxes = []
            for c in contours:
                x, y, w, h = cv2.boundingRect(c)
                if w * h >= a.min_area and h > 40:
                    boxes.append((x, y, x + w, y + h, min(0.99, 0.5 + w * h / 40000)))
            new_tracks = {}
            for b in boxes:
                best, best_iou = None, 0.2
                for tid, tb in tracks.items():
                    v = iou(b, tb)
                    if v > best_iou and tid not in new_tracks:
                        best, best_iou = tid, v
                if best is None:
                    best = next_id; next_id += 1
                new_tracks[best] = b
                out.write(json.dumps({"frame_idx": n, "bbox": [b[0], b[1], b[2], b[3]], "label": "person",
                                      "score": round(b[4], 2), "track_id": best}) + "\n")
            tracks = new_tracks
        n += 1
print("frames", n, "tracks", next_id - 1, file=sys.stderr)
