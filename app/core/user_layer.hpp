// A layer of the user's own (a teacher's GeoJSON, Shapefile, KML ...): its features in lon/lat
// with their attributes, the same projected for the map, and the questions the window asks of it
// (what is under the pointer, what the tooltip says). Pure C++: atlas_geo reads the files.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "geometry.hpp"
#include "style.hpp"

namespace atlas {

struct ProjectedRegion;  // features.hpp

struct UserFeature {
    enum class Kind { Point, Line, Polygon };
    Kind kind = Kind::Point;
    // Lon/lat: a point's (or a multipoint's) positions each a part of one vertex; a line's parts;
    // a polygon's rings (outer and holes, read even-odd).
    std::vector<std::vector<Vec2>> parts;
    std::vector<std::pair<std::string, std::string>> attributes;  // field name, value as text
    // A polygon's polygons: the index in `parts` of each one's outer ring, its holes following it
    // up to the next one's (empty: parts[0] is the outer ring and the rest its holes).
    std::vector<std::size_t> polygon_starts;
};

// The most a user layer may hold. Its points, lines and fills are drawn every frame, so a layer
// beyond these is refused with a message rather than making the map stutter: on the software
// renderer of a machine without a GPU, a layer near both limits adds about as much to a frame as
// all the article's layers do (see the benchmark); a district map of a whole country fits.
inline constexpr std::size_t kUserLayerMaxFeatures = 50'000;
inline constexpr std::size_t kUserLayerMaxVertices = 1'500'000;

struct UserLayer {
    std::string id;    // the file's absolute path: what the tour and the exports record
    std::string name;  // shown in the layer list and as its group in SVG and PDF (the file's name)
    std::vector<UserFeature> features;
    std::vector<std::string> fields;  // attribute names, in the file's order
    std::string label_field;          // the attribute shown as a feature's label ("": none)
    std::vector<std::string> notes;   // what the reader assumed ("no CRS: read as WGS 84 lon/lat")
    std::size_t vertices = 0;
};

// The attribute a label is taken from by default: the first field named like a name ("name",
// "Name", "NAME", "title", "label", "名称" is not guessed), else the first field, else "".
std::string default_label_field(const std::vector<std::string>& fields);
// A user's layer as the command line, a tour scene and an export's record name it: its file, and
// the field its features are labelled by. Written "FILE?label=FIELD" ("FILE?label=": no labels),
// or "FILE" alone for the file's default field (default_label_field); the last "?label=" splits
// them, so a file whose name holds those seven characters is named by FILE?label=FIELD.
struct UserLayerRef {
    std::string path;
    std::optional<std::string> label;  // none: the default field
};
UserLayerRef parse_user_layer_ref(const std::string& text);
// `layer` named with the field it is labelled by, exactly: "ID?label=FIELD".
std::string user_layer_ref(const UserLayer& layer);
std::string user_layer_ref(const std::string& id, const std::string& label_field);

// The value of `field` for `feature` ("" if it has none).
std::string attribute(const UserFeature& feature, const std::string& field);

// How opaque a polygon's fill is over the map: enough to see which areas a layer covers, little
// enough that the memberships' colours and the borders under it still read.
inline constexpr std::uint8_t kUserFillAlpha = 64;

// The colour of the n-th layer opened (0-based): strong hues apart from the memberships' blues
// and browns and the article's red and orange marks, repeating after five.
Rgba user_layer_colour(std::size_t n);

// Triangles covering a layer's polygons, in map metres, as the renderer uploads them.
struct UserFillMesh {
    std::vector<float> xy;          // x0, y0, x1, y1, ...
    std::vector<unsigned> indices;  // three per triangle
};
// The same at each level of detail the region lines have: [0] full detail, then [i + 1]
// simplified as ProjectedRegion::coarse[i] (region_level chooses), so a zoomed-out view of
// polygons with thousands of vertices draws hundreds of triangles, not millions.
struct UserFills {
    std::vector<UserFillMesh> levels;
    const UserFillMesh& at_level(int level) const {
        return levels[std::min(std::size_t(level + 1), levels.size() - 1)];
    }
};

// A user layer as the map draws it, in map metres: every line and ring as one region (drawn
// simplified when zoomed out), its polygons' fills as triangles, each point, and where each
// feature's label goes.
struct ProjectedUserLayer {
    std::shared_ptr<const UserLayer> source;
    Rgba colour;
    std::shared_ptr<const ProjectedRegion> lines;
    std::vector<int> line_feature;   // per polyline of lines->lines: the feature it belongs to
    std::vector<Box> line_bounds;    // per polyline, its bounds
    std::vector<Vec2> points;        // each point of a point feature
    std::vector<int> point_feature;  // per point: its feature
    std::shared_ptr<const UserFills> fills;  // its polygons' (null: none)
    std::vector<Vec2> anchors;       // per feature: where its label goes (NaN: none)
    std::vector<Box> feature_bounds;
};

// The feature of `layer` at map point `at`: a point or a line within `tolerance_m`, else a polygon
// holding it (the last drawn wins); -1 if none.
int user_feature_at(const ProjectedUserLayer& layer, Vec2 at, double tolerance_m);

// The tooltip's lines for a feature: the layer's name and the feature's label, then each
// attribute as "field: value" (at most `max_lines` in all, the rest counted in a last line).
std::vector<std::string> describe_user_feature(const UserLayer& layer, int feature, std::size_t max_lines = 14);

}  // namespace atlas
