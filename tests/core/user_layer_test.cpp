// A user's own layer: which feature lies under a map point, what its tooltip says, which field
// labels it, and the colours layers are given.
#include "core/user_layer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>

#include "core/features.hpp"
#include "core/frame.hpp"

namespace atlas {
namespace {

// A layer in map metres, projected by hand (as project_user_layer would): a point at (0, 0), a
// line from (1000, 0) to (1000, 5000), and a square (10 km) with a square hole (2 km) at (20 km, 0).
ProjectedUserLayer hand_made() {
    auto src = std::make_shared<UserLayer>();
    src->name = "trip.geojson";
    src->fields = {"kind", "name"};
    src->label_field = "name";
    UserFeature point{UserFeature::Kind::Point, {{{0, 0}}}, {{"name", "Osh"}, {"kind", "stop"}}, {}};
    UserFeature line{UserFeature::Kind::Line, {{{1000, 0}, {1000, 5000}}}, {{"name", "Road"}}, {}};
    UserFeature square{UserFeature::Kind::Polygon, {}, {{"name", "District"}, {"kind", ""}}, {}};
    src->features = {point, line, square};
    ProjectedUserLayer u;
    auto lines = std::make_shared<ProjectedRegion>();
    lines->lines = {{{1000, 0}, {1000, 5000}},
                    {{15000, -5000}, {25000, -5000}, {25000, 5000}, {15000, 5000}, {15000, -5000}},
                    {{19000, -1000}, {21000, -1000}, {21000, 1000}, {19000, 1000}, {19000, -1000}}};
    u.line_feature = {1, 2, 2};
    for (const auto& l : lines->lines) {
        Box b;
        for (Vec2 p : l) b.add(p);
        u.line_bounds.push_back(b);
    }
    u.lines = lines;
    u.points = {{0, 0}};
    u.point_feature = {0};
    u.feature_bounds = {u.line_bounds[0], u.line_bounds[0], u.line_bounds[1]};
    u.feature_bounds[0] = Box{0, 0, 0, 0};
    u.source = src;
    return u;
}

TEST(UserLayer, ThePointerFindsAPointALineOrThePolygonAroundIt) {
    const ProjectedUserLayer u = hand_made();
    const double tolerance = 100;  // m: a few pixels at a city's scale
    EXPECT_EQ(user_feature_at(u, {50, 50}, tolerance), 0);
    EXPECT_EQ(user_feature_at(u, {1060, 2500}, tolerance), 1);   // 60 m beside the road
    EXPECT_EQ(user_feature_at(u, {1200, 2500}, tolerance), -1);  // 200 m: beyond it
    EXPECT_EQ(user_feature_at(u, {16000, 0}, tolerance), 2);     // inside the district
    EXPECT_EQ(user_feature_at(u, {20000, 0}, tolerance), -1);    // in its hole
    EXPECT_EQ(user_feature_at(u, {21000 + 50, 0}, tolerance), 2);  // on the hole's edge
    EXPECT_EQ(user_feature_at(u, {30000, 0}, tolerance), -1);
    // The nearest of two within reach: the point, not the road 1 km off, even with a wide reach.
    EXPECT_EQ(user_feature_at(u, {100, 0}, 1500), 0);
}

TEST(UserLayer, TheTooltipNamesTheFeatureAndListsItsAttributes) {
    const ProjectedUserLayer u = hand_made();
    const auto point = describe_user_feature(*u.source, 0);
    ASSERT_EQ(point.size(), 3u);
    EXPECT_EQ(point[0], "Osh (trip.geojson)");
    EXPECT_EQ(point[1], "name: Osh");
    EXPECT_EQ(point[2], "kind: stop");
    // An empty value is left out.
    EXPECT_EQ(describe_user_feature(*u.source, 2), (std::vector<std::string>{"District (trip.geojson)", "name: District"}));
    EXPECT_TRUE(describe_user_feature(*u.source, 7).empty());
    // A feature of many attributes: the first ones, then how many more.
    UserLayer wide;
    wide.name = "wide.csv";
    UserFeature f;
    for (int i = 0; i < 30; ++i) f.attributes.emplace_back(std::string("f").append(std::to_string(i)), "v");
    wide.features = {f};
    const auto lines = describe_user_feature(wide, 0, 10);
    ASSERT_EQ(lines.size(), 10u);
    EXPECT_EQ(lines.back(), "... and 22 more attributes");  // 30 less the 8 shown
}

TEST(UserLayer, ALayerIsLabelledByItsNameField) {
    EXPECT_EQ(default_label_field({"id", "NAME", "pop"}), "NAME");
    EXPECT_EQ(default_label_field({"fid", "Title"}), "Title");
    EXPECT_EQ(default_label_field({"code", "value"}), "code");
    EXPECT_EQ(default_label_field({}), "");
}

// How the command line, a tour scene and an export's record name a layer with its label field.
TEST(UserLayer, ALayersFileAndLabelFieldAreWrittenAndReadBack) {
    const UserLayerRef plain = parse_user_layer_ref("/home/teacher/trip.geojson");
    EXPECT_EQ(plain.path, "/home/teacher/trip.geojson");
    EXPECT_FALSE(plain.label.has_value());
    const UserLayerRef by_days = parse_user_layer_ref("trip.geojson?label=days");
    EXPECT_EQ(by_days.path, "trip.geojson");
    EXPECT_EQ(by_days.label, std::optional<std::string>("days"));
    const UserLayerRef none = parse_user_layer_ref("trip.geojson?label=");
    EXPECT_EQ(none.path, "trip.geojson");
    EXPECT_EQ(none.label, std::optional<std::string>(""));
    // The last mark splits: a folder named with one keeps it; a field may hold spaces and '='.
    const UserLayerRef odd = parse_user_layer_ref("/a?label=b/districts.shp?label=Name = local");
    EXPECT_EQ(odd.path, "/a?label=b/districts.shp");
    EXPECT_EQ(odd.label, std::optional<std::string>("Name = local"));
    UserLayer layer;
    layer.id = "/home/teacher/districts.shp";
    layer.label_field = "pupils";
    EXPECT_EQ(user_layer_ref(layer), "/home/teacher/districts.shp?label=pupils");
    for (const std::string field : {"pupils", "", "Name = local"}) {
        layer.label_field = field;
        const UserLayerRef back = parse_user_layer_ref(user_layer_ref(layer));
        EXPECT_EQ(back.path, layer.id);
        EXPECT_EQ(back.label, std::optional<std::string>(field));
    }
}

// A user's dot is keyed by its layer, not as one of the article's marks of the same shape (a
// teacher's stops are not "where a treaty or charter was signed").
TEST(UserLayer, AUsersDotIsNotKeyedAsOneOfTheArticlesMarks) {
    Frame f;
    f.camera.width_px = 800;
    f.camera.height_px = 600;
    FrameSymbol dot;
    dot.centre_px = {400, 300};
    dot.shape = SymbolShape::Circle;
    dot.layer = MapLayer::User;
    f.symbols.push_back(dot);
    EXPECT_TRUE(symbols_in_view(f).empty());
    FrameSymbol signing = dot;
    signing.layer = MapLayer::Places;
    f.symbols.push_back(signing);
    ASSERT_EQ(symbols_in_view(f).size(), 1u);
    EXPECT_EQ(symbols_in_view(f)[0].meaning, "where a treaty or charter was signed");
}

TEST(UserLayer, LayersOpenedTogetherHaveDifferentColours) {
    std::set<std::tuple<int, int, int>> seen;
    for (size_t i = 0; i < 5; ++i) {
        const Rgba c = user_layer_colour(i);
        seen.insert({c.r, c.g, c.b});
    }
    EXPECT_EQ(seen.size(), 5u);
    EXPECT_EQ(user_layer_colour(5), user_layer_colour(0));
}

// Up to 5,000 points in view are each drawn; a denser layer's dots that would lie on one another
// on screen are drawn once (at most about one per dot-sized square of the image); zoomed in,
// every point has its own.
TEST(UserLayer, PointsCloserThanADotOnScreenAreDrawnAsOneDot) {
    auto src = std::make_shared<UserLayer>();
    src->name = "wells.csv";
    MapFeatures mf;
    ProjectedUserLayer u;
    for (int y = 0; y < 100; ++y)
        for (int x = 0; x < 100; ++x) {  // 10,000 wells 10 m apart
            src->features.push_back(UserFeature{UserFeature::Kind::Point, {{{x * 10.0, y * 10.0}}}, {}, {}});
            u.points.push_back({x * 10.0, y * 10.0});
            u.point_feature.push_back(y * 100 + x);
            u.anchors.push_back({std::nan(""), std::nan("")});
            u.feature_bounds.push_back(Box{});
        }
    u.source = src;
    u.colour = user_layer_colour(0);
    mf.user_layers.push_back(u);
    FrameExtras extras;
    extras.features = &mf;
    auto dots = [&](double metres_per_px, Vec2 centre = {495, 495}) {
        AppState s;
        s.camera.centre = centre;
        s.camera.width_px = s.camera.height_px = 1200;
        s.camera.metres_per_px = metres_per_px;
        const Frame f = build_frame(s, Style{}, {}, {}, [](const std::string&) { return 1.0; }, extras);
        return std::count_if(f.symbols.begin(), f.symbols.end(), [](const FrameSymbol& sym) { return sym.layer == MapLayer::User; });
    };
    EXPECT_EQ(dots(0.1), 144);      // 100 px apart: the 12 x 12 in view
    EXPECT_EQ(dots(1, {95, 95}), 4900);  // 10 px apart, 70 x 70 in view: each drawn
    EXPECT_LE(dots(1), 10000);      // all 10,000 in view, 10 px apart: thinned
    EXPECT_GE(dots(1), 1000);
    EXPECT_LE(dots(1000), 4);       // the whole field within a pixel
    EXPECT_GE(dots(1000), 1);
}

}  // namespace
}  // namespace atlas
