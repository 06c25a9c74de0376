// Pole-of-inaccessibility search (quad-cell refinement) and greedy collision-free placement.
#include "labels.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <queue>

namespace atlas {

namespace {
struct Cell {
    Vec2 c;
    double half = 0;  // half the cell's side
    double d = 0;     // signed distance from centre to edges (positive inside)
    double max = 0;   // best distance any point in the cell could have
};

// Where the centre of a label w x h pixels (with `pad` round it) may go for the whole label to lie
// inside `view`, in map metres at `mpp` metres per pixel (empty if nowhere).
Box centres_in_view(Box view, double w, double h, double pad, double mpp) {
    view.min_x += (w / 2 + pad) * mpp;
    view.max_x -= (w / 2 + pad) * mpp;
    view.min_y += (h / 2 + pad) * mpp;
    view.max_y -= (h / 2 + pad) * mpp;
    return view;
}

Cell make_cell(const MultiPolygon& mp, Vec2 c, double half) {
    const double dist = distance_to_edges(mp, c);
    const double d = contains(mp, c) ? dist : -dist;
    return {c, half, d, d + half * std::sqrt(2.0)};
}
}  // namespace

Pole pole_of_inaccessibility(const MultiPolygon& mp, double precision) {
    const Box b = bounds(mp);
    if (b.empty()) return {};
    const double side = std::min(b.width(), b.height());
    if (side <= 0) return {b.centre(), 0};
    auto cmp = [](const Cell& a, const Cell& c) { return a.max < c.max; };
    std::priority_queue<Cell, std::vector<Cell>, decltype(cmp)> queue(cmp);
    const double half = side / 2;
    for (double x = b.min_x; x < b.max_x; x += side)
        for (double y = b.min_y; y < b.max_y; y += side) queue.push(make_cell(mp, {x + half, y + half}, half));
    Cell best = make_cell(mp, b.centre(), 0);
    // The largest part's bounding-box centre is often a good first guess for elongated shapes.
    while (!queue.empty()) {
        Cell cell = queue.top();
        queue.pop();
        if (cell.d > best.d) best = cell;
        if (cell.max - best.d <= precision) continue;
        const double h = cell.half / 2;
        for (double dx : {-h, h})
            for (double dy : {-h, h}) queue.push(make_cell(mp, {cell.c.x + dx, cell.c.y + dy}, h));
    }
    return {best.c, std::max(0.0, best.d)};
}

Pole country_label_pole(const MultiPolygon& label_shape, const Box& bounds) {
    return pole_of_inaccessibility(label_shape, std::max(bounds.width(), bounds.height()) / 200);
}

bool labels_overlap(const std::vector<PlacedLabel>& labels) {
    for (size_t i = 0; i < labels.size(); ++i)
        for (size_t j = i + 1; j < labels.size(); ++j) {
            const auto& a = labels[i];
            const auto& b = labels[j];
            if (std::abs(a.centre_px.x - b.centre_px.x) * 2 < a.width_px + b.width_px &&
                std::abs(a.centre_px.y - b.centre_px.y) * 2 < a.height_px + b.height_px)
                return true;
        }
    return false;
}

std::vector<PlacedLabel> place_labels(const std::vector<LabelCandidate>& candidates, const Camera& camera,
                                      const TextMeasure& measure, double size_px,
                                      const std::vector<PlacedLabel>& taken, const std::vector<bool>* skip) {
    struct Choice {
        PlacedLabel label;
        double priority;
        double room;  // radius of the free disc around the anchor, px
    };
    std::vector<Choice> choices;
    const Box view = camera.visible();
    const double line_h = size_px * 1.2;  // text box height: em plus leading
    const double pad = size_px * 0.3;     // clear space kept around each label
    for (size_t i = 0; i < candidates.size(); ++i) {
        const auto& cand = candidates[i];
        if (!cand.shape || !cand.bounds.intersects(view)) continue;
        if (skip && i < skip->size() && (*skip)[i]) continue;
        const double w = measure(cand.text) * size_px;
        Pole pole = cand.whole;
        const Box inner = centres_in_view(view, w, line_h, pad, camera.metres_per_px);
        if (inner.empty()) continue;
        if (!inner.contains(pole.point)) {
            // Search only the visible part, kept away from the view's edges.
            Box vis = view;
            const double margin = pad * camera.metres_per_px;
            vis.min_x += margin;
            vis.max_x -= margin;
            vis.min_y += margin;
            vis.max_y -= margin;
            // Simplified to a thousandth of the view (about a pixel), as fine as the search's precision:
            // a big country's visible part keeps far fewer edges, which each search step measures.
            const double precision = view.height() / 1000;  // tied to the view, so window and export agree
            const MultiPolygon part = simplify(clip(*cand.shape, vis), precision);
            if (part.empty()) continue;
            pole = pole_of_inaccessibility(part, precision);
            if (!inner.contains(pole.point)) {
                pole.point.x = std::clamp(pole.point.x, inner.min_x, inner.max_x);
                pole.point.y = std::clamp(pole.point.y, inner.min_y, inner.max_y);
                if (!contains(*cand.shape, pole.point)) continue;
            }
        }
        const double room = pole.radius / camera.metres_per_px;
        if (room < line_h * 0.5) continue;  // area too small to hold the text's height
        PlacedLabel pl{cand.text, i, camera.to_screen(pole.point), w, line_h};
        choices.push_back({pl, cand.priority, room});
    }
    std::stable_sort(choices.begin(), choices.end(), [](const Choice& a, const Choice& b) {
        if (a.priority != b.priority) return a.priority > b.priority;
        return a.room > b.room;
    });
    std::vector<PlacedLabel> placed;
    for (const auto& c : choices) {
        PlacedLabel padded = c.label;
        padded.width_px += 2 * pad;
        padded.height_px += 2 * pad;
        bool clash = false;
        for (const auto& t : taken)
            if (std::abs(t.centre_px.x - padded.centre_px.x) * 2 < t.width_px + padded.width_px &&
                std::abs(t.centre_px.y - padded.centre_px.y) * 2 < t.height_px + padded.height_px)
                clash = true;
        for (const auto& p : placed) {
            if (clash) break;
            if (std::abs(p.centre_px.x - padded.centre_px.x) * 2 < p.width_px + 2 * pad + padded.width_px &&
                std::abs(p.centre_px.y - padded.centre_px.y) * 2 < p.height_px + 2 * pad + padded.height_px) {
                clash = true;
                break;
            }
        }
        if (!clash) placed.push_back(c.label);
    }
    return placed;
}

std::vector<PlacedLabel> place_subject_labels(const std::vector<LabelCandidate>& candidates,
                                              const std::vector<size_t>& which, const Camera& camera,
                                              const TextMeasure& measure, double size_px,
                                              const std::vector<PlacedLabel>& taken,
                                              const std::vector<PlacedLabel>& covered) {
    const Box view = camera.visible();
    const double line_h = size_px * 1.2, pad = size_px * 0.3, mpp = camera.metres_per_px;
    std::vector<PlacedLabel> placed;
    auto clashes = [&](const PlacedLabel& l, bool with_taken) {
        auto near = [&](const PlacedLabel& o) {
            return std::abs(o.centre_px.x - l.centre_px.x) * 2 < o.width_px + l.width_px + 2 * pad &&
                   std::abs(o.centre_px.y - l.centre_px.y) * 2 < o.height_px + l.height_px + 2 * pad;
        };
        return (with_taken && std::any_of(taken.begin(), taken.end(), near)) ||
               std::any_of(placed.begin(), placed.end(), near);
    };
    auto under_panel = [&](const PlacedLabel& l) {
        return std::any_of(covered.begin(), covered.end(), [&](const PlacedLabel& o) {
            return std::abs(o.centre_px.x - l.centre_px.x) * 2 < o.width_px + l.width_px &&
                   std::abs(o.centre_px.y - l.centre_px.y) * 2 < o.height_px + l.height_px;
        });
    };
    for (size_t i : which) {
        if (i >= candidates.size()) continue;
        const LabelCandidate& cand = candidates[i];
        if (!cand.shape || !cand.bounds.intersects(view)) continue;
        const double w = measure(cand.text) * size_px;
        const Box inner = centres_in_view(view, w, line_h, pad, mpp);
        if (inner.empty()) continue;
        const double precision = view.height() / 1000;
        const MultiPolygon part = simplify(clip(*cand.shape, inner), precision);
        if (part.empty()) continue;  // no point of it can hold the label's centre
        const Vec2 pole = pole_of_inaccessibility(part, precision).point;
        // The pole, then a grid over the part's box, nearest first; only points inside the shape.
        std::vector<Vec2> tries{pole};
        const Box b = bounds(part);
        constexpr int kSteps = 16;
        for (int gx = 0; gx <= kSteps; ++gx)
            for (int gy = 0; gy <= kSteps; ++gy) {
                const Vec2 p{b.min_x + b.width() * gx / kSteps, b.min_y + b.height() * gy / kSteps};
                if (contains(part, p)) tries.push_back(p);
            }
        std::stable_sort(tries.begin() + 1, tries.end(), [&](Vec2 a, Vec2 c) {
            return std::hypot(a.x - pole.x, a.y - pole.y) < std::hypot(c.x - pole.x, c.y - pole.y);
        });
        // Clear of everything; else clear of the other subjects at least; else at the pole; never
        // under a panel.
        std::optional<PlacedLabel> chosen;
        for (const bool with_taken : {true, false})
            for (const Vec2 p : tries) {
                const PlacedLabel l{cand.text, i, camera.to_screen(p), w, line_h};
                if (!chosen && !clashes(l, with_taken) && !under_panel(l)) chosen = l;
            }
        const PlacedLabel at_pole{cand.text, i, camera.to_screen(pole), w, line_h};
        if (!chosen && !under_panel(at_pole)) chosen = at_pole;
        if (chosen) placed.push_back(*chosen);
    }
    return placed;
}

}  // namespace atlas
