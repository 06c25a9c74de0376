// Annotations: they stay on their lon/lat when the camera zooms, pans or the projection changes,
// their text encoding round-trips and names what is wrong, and the drawing tool makes the shapes a
// presenter's hand draws. The projections here are textbook spherical formulas written out in the
// test, so no result comes from the code under test.
#include "core/annotation.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace atlas {
namespace {

constexpr double kPxTolerance = 1e-6;    // px: camera maths is exact up to rounding
constexpr double kDegTolerance = 1e-9;   // deg
constexpr double kEarthRadiusM = 6371008.8;
constexpr double kRad = M_PI / 180.0;
const Vec2 kKant{74.8464, 42.8531};  // geodata/places.csv

// Spherical Mercator: x = R lon, y = R ln tan(pi/4 + lat/2).
Vec2 mercator(Vec2 ll) { return {kEarthRadiusM * ll.x * kRad, kEarthRadiusM * std::log(std::tan(M_PI / 4 + ll.y * kRad / 2))}; }
Vec2 mercator_inverse(Vec2 xy) {
    return {xy.x / kEarthRadiusM / kRad, (2 * std::atan(std::exp(xy.y / kEarthRadiusM)) - M_PI / 2) / kRad};
}
// Spherical plate carree: x = R lon, y = R lat.
Vec2 plate_carree(Vec2 ll) { return {kEarthRadiusM * ll.x * kRad, kEarthRadiusM * ll.y * kRad}; }
Vec2 plate_carree_inverse(Vec2 xy) { return {xy.x / kEarthRadiusM / kRad, xy.y / kEarthRadiusM / kRad}; }

Shape shape(ShapeKind kind, std::vector<Vec2> points, std::string text = "") {
    Shape s;
    s.kind = kind;
    s.points = std::move(points);
    s.text = std::move(text);
    return s;
}

Camera camera_on(Vec2 map_centre, double metres_per_px) {
    Camera c;
    c.centre = map_centre;
    c.metres_per_px = metres_per_px;
    c.width_px = 1920;
    c.height_px = 1080;
    return c;
}

Annotations kant_circle(double km) {
    Shape s;
    s.kind = ShapeKind::Circle;
    s.points = {kKant};
    s.radius_km = km;
    return {{s}};
}

double distance(Vec2 a, Vec2 b) { return std::hypot(a.x - b.x, a.y - b.y); }

// Distance from p to the nearest segment of the lines.
double distance_to_lines(const std::vector<Polyline>& lines, Vec2 p) {
    double best = INFINITY;
    for (const auto& l : lines)
        for (size_t i = 1; i < l.size(); ++i) {
            const Vec2 a = l[i - 1], d = l[i] - l[i - 1];
            const double t = std::clamp(((p.x - a.x) * d.x + (p.y - a.y) * d.y) / (d.x * d.x + d.y * d.y), 0.0, 1.0);
            best = std::min(best, distance(p, a + d * t));
        }
    return best;
}

TEST(Annotation, ACircleRoundKantStaysRoundKantWhenZooming) {
    const Annotations notes = kant_circle(30);
    const double mpp = 400.0;  // m per px: a view about 430 km high, the tour's Kant scene
    for (Vec2 cursor : {Vec2{960, 540}, Vec2{10, 20}, Vec2{1500, 900}, Vec2{333.3, 777.7}}) {
        for (double factor : {1.25, 0.8, 3.0, 1.0 / 7.0}) {
            Camera cam = camera_on(mercator(kKant) + Vec2{-90000, 40000}, mpp);
            const ScreenShape before = annotations_on_screen(notes, cam, mercator, 1).at(0);
            cam.zoom_at(cursor, factor);
            const double applied = mpp / cam.metres_per_px;  // after the camera's clamping
            const ScreenShape after = annotations_on_screen(notes, cam, mercator, 1).at(0);
            const Vec2 kant_px = cam.to_screen(mercator(kKant));
            EXPECT_NEAR(after.anchor_px.x, kant_px.x, kPxTolerance);
            EXPECT_NEAR(after.anchor_px.y, kant_px.y, kPxTolerance);
            EXPECT_NEAR(after.radius_px, before.radius_px * applied, before.radius_px * applied * 1e-9)
                << "zoom " << factor << " at " << cursor.x << "," << cursor.y;
            // The ring is centred on Kant: its points' mean is Kant's pixel to a small fraction of
            // the radius (Mercator stretches northwards by a hair over 30 km).
            Vec2 mean{0, 0};
            const Polyline& ring = after.lines.at(0);
            for (size_t i = 0; i + 1 < ring.size(); ++i) mean = mean + ring[i] * (1.0 / double(ring.size() - 1));
            EXPECT_LT(distance(mean, kant_px), 0.01 * after.radius_px);
        }
    }
    // The ring's first point is 30 km due north of Kant on the sphere: 30 / R radians of latitude.
    const Camera cam = camera_on(mercator(kKant), mpp);
    const ScreenShape s = annotations_on_screen(notes, cam, mercator, 1).at(0);
    const Vec2 north = cam.to_screen(mercator({kKant.x, kKant.y + 30000.0 / kEarthRadiusM / kRad}));
    EXPECT_LT(distance(s.lines.at(0).front(), north), 1e-3);
    // Its radius on screen is 30 km at Mercator's scale there (1 / cos(lat)), within 1%.
    const double expected_px = 30000.0 / std::cos(kKant.y * kRad) / mpp;
    EXPECT_NEAR(s.radius_px, expected_px, 0.01 * expected_px);
    // The ring is closed.
    EXPECT_EQ(s.lines.size(), 1u);
    EXPECT_LT(distance(s.lines[0].front(), s.lines[0].back()), kPxTolerance);
}

TEST(Annotation, EveryShapeMovesWithAPan) {
    Annotations notes = kant_circle(30);
    Shape arrow = shape(ShapeKind::Arrow, {{69.2, 41.3}, {71.4, 38.5}});
    Shape stroke = shape(ShapeKind::Freehand, {{66.1, 37.2}, {66.5, 37.4}, {67.0, 37.3}});
    Shape text = shape(ShapeKind::Text, {{68.8, 38.6}}, "Dushanbe");
    notes.shapes.insert(notes.shapes.end(), {arrow, stroke, text});
    Camera cam = camera_on(mercator({70, 40}), 2000);
    const auto before = annotations_on_screen(notes, cam, mercator, 1);
    ASSERT_EQ(before.size(), 4u);
    cam.pan_px(123.5, -47.25);
    const auto after = annotations_on_screen(notes, cam, mercator, 1);
    ASSERT_EQ(after.size(), 4u);
    for (size_t i = 0; i < 4; ++i) {
        EXPECT_EQ(after[i].kind, notes.shapes[i].kind);
        if (i != 2) {
            EXPECT_NEAR(after[i].anchor_px.x, before[i].anchor_px.x + 123.5, kPxTolerance);
            EXPECT_NEAR(after[i].anchor_px.y, before[i].anchor_px.y - 47.25, kPxTolerance);
        }
        ASSERT_EQ(after[i].lines.size(), before[i].lines.size());
        for (size_t l = 0; l < after[i].lines.size(); ++l)
            for (size_t k = 0; k < after[i].lines[l].size(); ++k) {
                EXPECT_NEAR(after[i].lines[l][k].x, before[i].lines[l][k].x + 123.5, kPxTolerance);
                EXPECT_NEAR(after[i].lines[l][k].y, before[i].lines[l][k].y - 47.25, kPxTolerance);
            }
    }
    // Each is where its lon/lat projects: the arrow's tip, the stroke's points, the text's anchor.
    const Vec2 tip = cam.to_screen(mercator({71.4, 38.5}));
    EXPECT_NEAR(after[1].anchor_px.x, tip.x, kPxTolerance);
    EXPECT_NEAR(after[1].lines.at(1)[1].y, tip.y, kPxTolerance);
    const Vec2 tail = cam.to_screen(mercator({69.2, 41.3}));
    EXPECT_NEAR(after[1].lines.at(0)[0].x, tail.x, kPxTolerance);
    for (size_t k = 0; k < 3; ++k) {
        const Vec2 p = cam.to_screen(mercator(stroke.points[k]));
        EXPECT_NEAR(after[2].lines.at(0).at(k).x, p.x, kPxTolerance);
        EXPECT_NEAR(after[2].lines.at(0).at(k).y, p.y, kPxTolerance);
    }
    const Vec2 anchor = cam.to_screen(mercator({68.8, 38.6}));
    EXPECT_NEAR(after[3].anchor_px.y, anchor.y, kPxTolerance);
    EXPECT_EQ(after[3].text, "Dushanbe");
}

TEST(Annotation, WidthsFollowThePixelScaleNotTheZoom) {
    const Shape arrow = shape(ShapeKind::Arrow, {{69.2, 41.3}, {71.4, 38.5}});
    Camera cam = camera_on(mercator({70, 40}), 2000);
    const ScreenShape a = shape_on_screen(arrow, cam, mercator, 2);
    EXPECT_FLOAT_EQ(a.width_px, 2 * kAnnotationWidthPx);
    EXPECT_FLOAT_EQ(a.text_px, 2 * kAnnotationWidthPx * kAnnotationTextPerWidth);
    // The head (base end, tip, base end) is as long and as wide at any zoom.
    auto head_size = [](const ScreenShape& s) { return distance(s.lines[1][0], s.lines[1][2]); };
    const double head = head_size(a);
    EXPECT_GT(head, a.width_px);
    cam.zoom_at({960, 540}, 2);
    EXPECT_NEAR(head_size(shape_on_screen(arrow, cam, mercator, 2)), head, kPxTolerance);
}

TEST(Annotation, AProjectionChangeKeepsEveryShapeOnItsLonLat) {
    // A presenter drags a circle from Kant to Bishkek's side under Mercator ...
    Camera merc = camera_on(mercator(kKant), 300);
    AnnotationEditor editor;
    editor.set_tool(ShapeKind::Circle);
    const Vec2 down = merc.to_screen(mercator(kKant)), up = down + Vec2{60, 25};
    const Vec2 rim = mercator_inverse(merc.to_map(up));
    editor.press(down, mercator_inverse(merc.to_map(down)));
    editor.drag(down + Vec2{30, 10}, mercator_inverse(merc.to_map(down + Vec2{30, 10})));
    const auto circle = editor.release(up, rim);
    ASSERT_TRUE(circle);
    Annotations notes{{*circle}};
    // ... the ring passes through the point released on.
    EXPECT_LT(distance_to_lines(annotations_on_screen(notes, merc, mercator, 1).at(0).lines, up), 0.5);
    const std::string saved = format_annotations(notes);
    // Under plate carree the circle is still centred on Kant and still passes through that place.
    const Camera plate = camera_on(plate_carree({75, 42}), 350);
    const ScreenShape s = annotations_on_screen(notes, plate, plate_carree, 1).at(0);
    const Vec2 kant_px = plate.to_screen(plate_carree(kKant));
    EXPECT_NEAR(s.anchor_px.x, kant_px.x, 1e-3);  // the centre is where the button went down: Kant
    EXPECT_NEAR(s.anchor_px.y, kant_px.y, 1e-3);
    EXPECT_LT(distance_to_lines(s.lines, plate.to_screen(plate_carree(rim))), 0.5);
    // The stored shape is lon/lat: unchanged by the projection it was drawn or drawn again in.
    EXPECT_NEAR(notes.shapes[0].points[0].x, kKant.x, 1e-4);
    EXPECT_NEAR(notes.shapes[0].points[0].y, kKant.y, 1e-4);
    EXPECT_EQ(format_annotations(notes), saved);
    // Saved and read back (4 decimals: about 11 m, 0.03 px at 350 m per px) it is still there.
    std::string error;
    const auto reread = parse_annotations(saved, error);
    ASSERT_TRUE(reread) << error;
    const ScreenShape r = annotations_on_screen(*reread, plate, plate_carree, 1).at(0);
    EXPECT_LT(distance(r.anchor_px, kant_px), 0.1);
    EXPECT_LT(distance_to_lines(r.lines, plate.to_screen(plate_carree(rim))), 0.5);
    const Vec2 back = plate_carree_inverse(plate.to_map(kant_px));
    EXPECT_NEAR(back.x, kKant.x, kDegTolerance);
}

TEST(Annotation, PointsTheProjectionCannotShowBreakTheLine) {
    // A projection that cannot show east of 70 E.
    const LonLatToMap west_only = [](Vec2 ll) {
        return ll.x > 70 ? Vec2{INFINITY, INFINITY} : plate_carree(ll);
    };
    const Shape stroke = shape(ShapeKind::Freehand, {{65, 40}, {66, 40}, {71, 40}, {68, 41}, {69, 41}});
    const Camera cam = camera_on(plate_carree({67, 40}), 2000);
    const ScreenShape s = shape_on_screen(stroke, cam, west_only, 1);
    ASSERT_EQ(s.lines.size(), 2u);
    EXPECT_EQ(s.lines[0].size(), 2u);
    EXPECT_EQ(s.lines[1].size(), 2u);
    // A text or an arrow with an end off the projection is left out.
    Annotations notes{{shape(ShapeKind::Text, {{72, 40}}, "east"), shape(ShapeKind::Arrow, {{65, 40}, {75, 40}}),
                       stroke}};
    const auto shown = annotations_on_screen(notes, cam, west_only, 1);
    ASSERT_EQ(shown.size(), 1u);
    EXPECT_EQ(shown[0].kind, ShapeKind::Freehand);
}

TEST(Annotation, TheEncodingRoundTripsAndReadsAsWritten) {
    const std::string text =
        "circle 74.8464 42.8531 30km; arrow 69.2 41.3 71.4 38.5 #ffd400; text 68.8 38.6 \"Dushanbe, \\\"2007\\\"\"; "
        "freehand 66.1 37.2 66.5 37.4 67 37.3 8px; circle -0.5 -10.25 0.5km #ffffff 2.5px";
    std::string error;
    const auto a = parse_annotations(text, error);
    ASSERT_TRUE(a) << error;
    ASSERT_EQ(a->shapes.size(), 5u);
    const Shape& c = a->shapes[0];
    EXPECT_EQ(c.kind, ShapeKind::Circle);
    EXPECT_EQ(c.points, (std::vector<Vec2>{kKant}));
    EXPECT_DOUBLE_EQ(c.radius_km, 30);
    EXPECT_EQ(c.colour, annotation_colours().front());
    EXPECT_FLOAT_EQ(c.width_px, kAnnotationWidthPx);
    EXPECT_EQ(a->shapes[1].kind, ShapeKind::Arrow);
    EXPECT_EQ(a->shapes[1].points, (std::vector<Vec2>{{69.2, 41.3}, {71.4, 38.5}}));
    EXPECT_EQ(a->shapes[1].colour, (Rgba{255, 212, 0, 255}));
    EXPECT_EQ(a->shapes[2].text, "Dushanbe, \"2007\"");
    EXPECT_EQ(a->shapes[3].points.size(), 3u);
    EXPECT_FLOAT_EQ(a->shapes[3].width_px, 8);
    EXPECT_EQ(a->shapes[4].points, (std::vector<Vec2>{{-0.5, -10.25}}));
    EXPECT_DOUBLE_EQ(a->shapes[4].radius_km, 0.5);
    EXPECT_EQ(a->shapes[4].colour, (Rgba{255, 255, 255, 255}));
    EXPECT_FLOAT_EQ(a->shapes[4].width_px, 2.5f);
    EXPECT_EQ(format_annotations(*a), text);
    // Nothing is nothing; a drawn shape is written to 4 decimals and reads back within them.
    EXPECT_TRUE(parse_annotations("", error)->empty());
    EXPECT_EQ(format_annotations({}), "");
    Annotations drawn{{shape(ShapeKind::Arrow, {{69.123456789, 41.000049}, {-71.99999, -0.00001}})}};
    EXPECT_EQ(format_annotations(drawn), "arrow 69.1235 41 -72 0");
}

TEST(Annotation, ABadShapeIsNamedWithWhatIsWrong) {
    auto error_of = [](const std::string& text) {
        std::string error;
        EXPECT_FALSE(parse_annotations(text, error)) << text;
        return error;
    };
    EXPECT_EQ(error_of("circle 74.8 42.9 30km; square 1 2"),
              "shape 2: unknown kind 'square' (freehand, arrow, circle or text)");
    EXPECT_EQ(error_of("circle 74.8 42.9 30"),
              "shape 1 (circle): radius '30' is not a distance from 0.01km to 20000km (circle LON LAT 30km)");
    EXPECT_EQ(error_of("circle 74.8 42.9"),
              "shape 1 (circle): radius '' is not a distance from 0.01km to 20000km (circle LON LAT 30km)");
    EXPECT_EQ(error_of("arrow 69.2 41.3 71.4"), "shape 1 (arrow): 3 numbers where 4 are needed (arrow LON LAT LON LAT)");
    EXPECT_EQ(error_of("freehand 1 2"),
              "shape 1 (freehand): 2 numbers where an even count, at least 4, are needed (freehand LON LAT LON LAT ...)");
    EXPECT_EQ(error_of("arrow 200 41.3 71.4 38.5"), "shape 1 (arrow): longitude 200 is outside -180 to 180");
    EXPECT_EQ(error_of("text 68.8 91 \"x\""), "shape 1 (text): latitude 91 is outside -90 to 90");
    EXPECT_EQ(error_of("text 68.8 38.6 Dushanbe"),
              "shape 1 (text): the words must follow in double quotes (text LON LAT \"words\")");
    EXPECT_EQ(error_of("text 68.8 38.6 \"Dushanbe"), "shape 1: a quoted text is not closed");
    EXPECT_EQ(error_of("text 68.8 38.6 \"\""), "shape 1 (text): the text is empty");
    EXPECT_EQ(error_of("arrow 69.2 41.3 71.4 38.5 red"),
              "shape 1 (arrow): unexpected 'red' (a colour such as #ffd400 or a width such as 8px may follow)");
    EXPECT_EQ(error_of("arrow 69.2 41.3 71.4 38.5 90px"), "shape 1 (arrow): width '90px' is not from 1px to 40px");
}

TEST(Annotation, TheSphereDistanceAndDestinationAgree) {
    // One degree of latitude is R * pi / 180.
    EXPECT_NEAR(sphere_distance_km({70, 40}, {70, 41}), kEarthRadiusM / 1000 * kRad, 1e-9);
    // Going 30 km east from Kant and measuring back gives 30 km; across the antimeridian the
    // longitude comes back into -180 to 180.
    const Vec2 east = sphere_destination(kKant, 90, 30);
    EXPECT_NEAR(sphere_distance_km(kKant, east), 30, 1e-9);
    EXPECT_GT(east.x, kKant.x);
    const Vec2 over = sphere_destination({179.9, 0}, 90, 50);
    EXPECT_LT(over.x, -179);
    EXPECT_NEAR(sphere_distance_km({179.9, 0}, over), 50, 1e-9);
}

// The drawing tool with the identity "projection": lon/lat are the screen's own numbers.
TEST(Annotation, TheToolDrawsWhatTheHandDoes) {
    AnnotationEditor e;
    Annotations set;
    // A freehand stroke: a straight run of 1 px steps keeps its two ends ...
    e.press({0, 0}, {0, 0});
    for (int x = 1; x <= 100; ++x) e.drag({double(x), 0}, {double(x), 0});
    EXPECT_TRUE(e.dragging());
    auto s = e.release({100, 0}, {100, 0});
    ASSERT_TRUE(s);
    EXPECT_EQ(s->points, (std::vector<Vec2>{{0, 0}, {100, 0}}));
    set.shapes.push_back(*s);
    // ... a bend keeps its corner, and the points are taken no closer than kMinStep.
    e.press({0, 0}, {0, 0});
    for (int k = 1; k <= 60; ++k) e.drag({double(k), 0}, {double(k), 0});
    for (int k = 1; k <= 60; ++k) e.drag({60, double(k)}, {60, double(k)});
    s = e.release({60, 60}, {60, 60});
    ASSERT_TRUE(s);
    EXPECT_EQ(s->points, (std::vector<Vec2>{{0, 0}, {60, 0}, {60, 60}}));
    // A click or a slip of the hand draws nothing.
    e.press({10, 10}, {10, 10});
    e.drag({12, 10}, {12, 10});
    EXPECT_FALSE(e.release({13, 10}, {13, 10}));
    // An arrow from where the button went down to where it came up.
    e.set_tool(ShapeKind::Arrow);
    e.press({10, 10}, {10, 10});
    e.drag({40, 30}, {40, 30});
    s = e.release({60, 40}, {60, 40});
    ASSERT_TRUE(s);
    EXPECT_EQ(s->kind, ShapeKind::Arrow);
    EXPECT_EQ(s->points, (std::vector<Vec2>{{10, 10}, {60, 40}}));
    // A circle's radius is the ground distance from its centre to where the button came up.
    e.set_tool(ShapeKind::Circle);
    e.colour = annotation_colours()[1];
    e.press({70, 40}, {70, 40});
    s = e.release({71, 40}, {71, 40});
    EXPECT_FALSE(s) << "a 1 px circle is a slip";
    e.press({70, 40}, {70, 40});
    s = e.release({70, 50}, {70, 41});
    ASSERT_TRUE(s);
    EXPECT_NEAR(s->radius_km, kEarthRadiusM / 1000 * kRad, 1e-9);
    EXPECT_EQ(s->colour, annotation_colours()[1]);
    // Off the map nothing starts.
    e.press({5, 5}, {NAN, NAN});
    EXPECT_FALSE(e.dragging());
    EXPECT_FALSE(e.release({50, 50}, {50, 50}));
}

TEST(Annotation, TextIsTypedAfterAClickAndEndsWithEnter) {
    AnnotationEditor e;
    e.set_tool(ShapeKind::Text);
    EXPECT_FALSE(e.press({100, 100}, {68.8, 38.6}));
    EXPECT_FALSE(e.release({100, 100}, {68.8, 38.6})) << "the text waits for its words";
    EXPECT_TRUE(e.typing());
    e.type("Душанбе 2007");
    e.erase();  // Backspace drops characters, whole UTF-8 ones
    e.erase();
    e.erase();
    e.erase();
    e.erase();
    EXPECT_EQ(e.pending()->text, "Душанбе");
    e.erase();
    EXPECT_EQ(e.pending()->text, "Душанб");
    e.type("е\n");  // no line breaks
    auto s = e.finish_text();
    ASSERT_TRUE(s);
    EXPECT_EQ(s->text, "Душанбе");
    EXPECT_EQ(s->points, (std::vector<Vec2>{{68.8, 38.6}}));
    EXPECT_FALSE(e.typing());
    // A click elsewhere while typing finishes that text and starts the next; nothing typed is nothing.
    e.press({1, 1}, {60, 40});
    e.type("Kant");
    s = e.press({2, 2}, {61, 41});
    ASSERT_TRUE(s);
    EXPECT_EQ(s->text, "Kant");
    EXPECT_TRUE(e.typing());
    e.type("   ");
    EXPECT_FALSE(e.finish_text());
}

TEST(Annotation, UndoDropsTheShapeInHandThenTheLastOne) {
    AnnotationEditor e;
    Annotations set = kant_circle(30);
    set.shapes.push_back(shape(ShapeKind::Arrow, {{69.2, 41.3}, {71.4, 38.5}}));
    e.press({0, 0}, {0, 0});
    e.drag({20, 0}, {20, 0});
    EXPECT_TRUE(e.undo(set));
    EXPECT_FALSE(e.dragging());
    EXPECT_EQ(set.shapes.size(), 2u);
    EXPECT_TRUE(e.undo(set));
    ASSERT_EQ(set.shapes.size(), 1u);
    EXPECT_EQ(set.shapes[0].kind, ShapeKind::Circle);
    EXPECT_TRUE(e.undo(set));
    EXPECT_FALSE(e.undo(set));
    // Choosing another tool drops a text in hand.
    e.set_tool(ShapeKind::Text);
    e.press({0, 0}, {0, 0});
    e.type("x");
    e.set_tool(ShapeKind::Arrow);
    EXPECT_FALSE(e.typing());
    EXPECT_FALSE(e.pending());
}

}  // namespace
}  // namespace atlas
