// Label placement: an anchor inside the visible part of each area, no two labels overlapping.
// Pure C++; text is measured through a callback so no font library is needed here.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "camera.hpp"
#include "geometry.hpp"

namespace atlas {

// The point of mp farthest from its edges (pole of inaccessibility), found to within
// `precision` (same units as mp), and that distance. Returns radius 0 for an empty shape.
struct Pole {
    Vec2 point;
    double radius = 0;
};
Pole pole_of_inaccessibility(const MultiPolygon& mp, double precision);
// A country's label anchor when it is wholly in view: the pole of its label shape, found to a
// 200th of the larger side of its `bounds` (a pixel or two at any scale the country fills).
Pole country_label_pole(const MultiPolygon& label_shape, const Box& bounds);

// Width of `text` in pixels for a font of em size 1 px.
using TextMeasure = std::function<double(const std::string& text)>;

struct LabelCandidate {
    std::string text;
    const MultiPolygon* shape = nullptr;  // projected map metres
    Box bounds;                           // of *shape
    Pole whole;                           // pole of the whole shape, map metres
    double priority = 0;                  // higher is placed first, before area
};

struct PlacedLabel {
    std::string text;
    size_t source = 0;   // index into the candidate list
    Vec2 centre_px;      // centre of the text box, framebuffer pixels
    double width_px = 0;
    double height_px = 0;
};

// Places labels of em size size_px for the camera. A label sits at its shape's pole when that
// lies well inside the view, otherwise at the pole of the shape's visible part; it is dropped
// when the shape is too small to hold it or it would overlap a label already placed.
// Deterministic, and scale-invariant: the same view at k times the pixels with k times the
// text size places the same labels at k times the coordinates.
// `taken`: boxes already used (labels and symbols placed before), which no label overlaps.
// `skip`: candidates left out (by index; already placed as a subject).
std::vector<PlacedLabel> place_labels(const std::vector<LabelCandidate>& candidates, const Camera& camera,
                                      const TextMeasure& measure, double size_px,
                                      const std::vector<PlacedLabel>& taken = {},
                                      const std::vector<bool>* skip = nullptr);

// Labels that must be shown (a scene's subject: the countries it is about), each candidates[i]
// for i in `which` whose shape is in view: at the pole of its visible part where that is free,
// else at the free point of the visible part nearest to it (a grid of its box, the label's centre
// inside the shape and the label inside the view), else at the pole over whatever is there. A
// small country's name may reach beyond its borders. Never over another subject's name, and never
// over a box of `covered` (a legend over the map: a name whose every place is under one is left
// out rather than cut by its edge).
std::vector<PlacedLabel> place_subject_labels(const std::vector<LabelCandidate>& candidates,
                                              const std::vector<size_t>& which, const Camera& camera,
                                              const TextMeasure& measure, double size_px,
                                              const std::vector<PlacedLabel>& taken = {},
                                              const std::vector<PlacedLabel>& covered = {});

// True if any two labels' boxes intersect (test and benchmark helper).
bool labels_overlap(const std::vector<PlacedLabel>& labels);

}  // namespace atlas
