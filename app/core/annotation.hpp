// A presenter's live annotations of a scene: freehand strokes, arrows, circles and text, anchored
// to the map by lon/lat (and a circle's radius by a ground distance), their text encoding for
// geodata/tour.csv, the shapes on screen for a camera, and the drawing tool. Pure C++: the
// projection comes in as a function, so nothing here depends on PROJ, GL, SDL or ImGui.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "camera.hpp"
#include "geometry.hpp"
#include "style.hpp"

namespace atlas {

enum class ShapeKind { Freehand, Arrow, Circle, Text };

// The encoding's name of a kind: "freehand", "arrow", "circle", "text".
const char* shape_kind_name(ShapeKind kind);

// The colours a presenter cycles through: strong red, yellow and white, each drawn with a dark
// outline so that it reads on the light fills and the dark caption alike. The first is the default.
const std::vector<Rgba>& annotation_colours();
// Line width in logical pixels: about a fifth of the caption's 30 px text, which reads from the
// back row of a lecture hall.
inline constexpr float kAnnotationWidthPx = 6.0f;
// Text height per line width: 6 px lines give 30 px text, the caption's passage size.
inline constexpr float kAnnotationTextPerWidth = 5.0f;

struct Shape {
    ShapeKind kind = ShapeKind::Freehand;
    // lon/lat degrees. Freehand: its points; arrow: tail, then head; circle: its centre; text:
    // the left end of its baseline's middle (where the click was).
    std::vector<Vec2> points;
    double radius_km = 0;  // circle: its radius on the ground
    std::string text;      // text: what it says (UTF-8, one line)
    Rgba colour = annotation_colours().front();
    float width_px = kAnnotationWidthPx;  // logical pixels
    friend bool operator==(const Shape&, const Shape&) = default;
};

// A scene's annotations, in the order they were drawn.
struct Annotations {
    std::vector<Shape> shapes;
    bool empty() const { return shapes.empty(); }
    friend bool operator==(const Annotations&, const Annotations&) = default;
};

// The text encoding of geodata/tour.csv's `annotations` column (documented in geodata/README.md):
// shapes separated by ";", each a kind and its numbers, then optional "#rrggbb" and "<n>px":
//   circle 74.8464 42.8531 30km; arrow 69.2 41.3 71.4 38.5 #ffd400; text 68.8 38.6 "Dushanbe"
//   freehand 66.1 37.2 66.5 37.4 67 37.3 8px
// Degrees are written to 4 decimals (about 10 m), radii to 0.01 km; colour and width only where
// they differ from the defaults. An empty text means no annotations. Formatting what parsing
// returned gives back the canonical text it was written as.
std::string format_annotations(const Annotations& annotations);
// Parses the encoding above. On failure returns nothing and sets `error` to one line naming the
// shape (1-based) and what is wrong with it, e.g. "shape 2 (circle): radius '30' is not ...".
std::optional<Annotations> parse_annotations(std::string_view text, std::string& error);

// Distance in km along the surface of a sphere of the Earth's mean radius between two lon/lat
// points, and the point `km` from `from` at `bearing_deg` (clockwise from north). A sphere is
// within 0.5% of the ellipsoid: ample for a circle drawn by hand, and exactly consistent between
// the two, so a circle dragged to a point passes through it.
double sphere_distance_km(Vec2 from, Vec2 to);
Vec2 sphere_destination(Vec2 from, double bearing_deg, double km);

// lon/lat degrees -> map metres of the projection on screen; a non-finite result for a point the
// projection cannot show.
using LonLatToMap = std::function<Vec2(Vec2)>;

// A shape as it is drawn this frame, in framebuffer pixels (y down).
struct ScreenShape {
    ShapeKind kind = ShapeKind::Freehand;
    // Freehand: its line (in pieces where a point cannot be projected); circle: its ring on the
    // ground, closed; arrow: its shaft, then its head as a triangle (base end, tip, other base end).
    std::vector<Polyline> lines;
    Vec2 anchor_px{std::nan(""), std::nan("")};  // circle: centre; arrow: tip; text: anchor
    double radius_px = 0;                        // circle: mean distance of its ring from its centre
    std::string text;
    Rgba colour;
    float width_px = 0;  // line width, framebuffer pixels
    float text_px = 0;   // text height, framebuffer pixels
};

// Each shape for `camera` through `project`, its widths times `pixel_scale` (framebuffer pixels
// per logical pixel). Computed anew each frame, so pans, zooms and flights carry the shapes with
// the map. A shape that cannot be placed at all (its anchor off the projection) is left out.
std::vector<ScreenShape> annotations_on_screen(const Annotations& annotations, const Camera& camera,
                                               const LonLatToMap& project, float pixel_scale);
ScreenShape shape_on_screen(const Shape& shape, const Camera& camera, const LonLatToMap& project,
                            float pixel_scale);

// The drawing tool of the presentation. It is told where the pointer went down, moved and came up
// (in any screen unit, and the lon/lat there: non-finite off the map) and what was typed, and hands
// back each finished shape; the caller keeps the scene's Annotations.
class AnnotationEditor {
public:
    ShapeKind tool() const { return tool_; }
    // Chooses the tool; a shape being drawn or typed is dropped.
    void set_tool(ShapeKind tool);
    Rgba colour = annotation_colours().front();
    float width_px = kAnnotationWidthPx;

    // Pointer down: starts a stroke, an arrow's tail, a circle's centre, or a text (whose anchor it
    // is). A text being typed is finished first and returned. Off the map nothing starts.
    std::optional<Shape> press(Vec2 screen, Vec2 lonlat);
    // Pointer moved with the button down: the stroke gains a point once the pointer is
    // kMinStep away from its last one; an arrow's head or a circle's rim follows.
    void drag(Vec2 screen, Vec2 lonlat);
    // Pointer up: the finished stroke (simplified to within kSimplify screen units), arrow or
    // circle, or nothing for a drag too short to mean one (under kMinDrag) or a text (which waits
    // for its words).
    std::optional<Shape> release(Vec2 screen, Vec2 lonlat);

    bool dragging() const { return pending_ && !typing_; }
    bool typing() const { return typing_; }
    // Text typed (UTF-8) and Backspace while typing.
    void type(std::string_view utf8);
    void erase();
    // Enter: the finished text, or nothing if none was typed.
    std::optional<Shape> finish_text();
    // Drops the shape being drawn or typed.
    void cancel();
    // The shape being drawn or typed (drawn as it grows), if any.
    const std::optional<Shape>& pending() const { return pending_; }
    // Undo: drops the shape being drawn or typed if there is one, else the last shape of `set`;
    // false if there was nothing to undo.
    bool undo(Annotations& set);

    static constexpr double kMinStep = 3.0;   // screen units: a point every 3 px keeps curves smooth
    static constexpr double kSimplify = 0.75; // screen units: under a pixel, invisible on screen
    static constexpr double kMinDrag = 8.0;   // screen units: shorter drags are a slip of the hand

private:
    ShapeKind tool_ = ShapeKind::Freehand;
    std::optional<Shape> pending_;
    std::vector<Vec2> screen_;  // the stroke's points on screen, for sampling and simplifying
    Vec2 press_at_;
    bool typing_ = false;
};

}  // namespace atlas
