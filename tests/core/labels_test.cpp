// Label placement on synthetic shapes: inside the visible part, never overlapping, scale-invariant;
// and the pole of inaccessibility a label is anchored at.
#include "core/labels.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "support/shapes.hpp"

namespace atlas {
namespace {

using test::square;

// Every character is 0.6 em wide: a simple stand-in for a font.
double measure(const std::string& t) { return 0.6 * double(t.size()); }

MultiPolygon rect(double x0, double y0, double x1, double y1) { return {Polygon{{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}}}}; }

std::vector<LabelCandidate> candidates(const std::vector<MultiPolygon>& shapes) {
    std::vector<LabelCandidate> out;
    for (size_t i = 0; i < shapes.size(); ++i) {
        LabelCandidate c;
        c.text = "Area " + std::to_string(i);
        c.shape = &shapes[i];
        c.bounds = bounds(shapes[i]);
        c.whole = pole_of_inaccessibility(shapes[i], 1);
        out.push_back(c);
    }
    return out;
}

Camera camera(double mpp) {
    Camera c;
    c.centre = {0, 0};
    c.metres_per_px = mpp;
    c.width_px = 800;
    c.height_px = 600;
    return c;
}

TEST(Labels, AHugeAreaIsLabelledInsideItsVisiblePart) {
    // Centred far to the east: the whole-shape pole is off screen.
    const std::vector<MultiPolygon> shapes{rect(-100000, -100000, 1000000, 100000)};
    const auto cands = candidates(shapes);
    const Camera c = camera(200);  // view: 160 km x 120 km around 0,0
    const auto placed = place_labels(cands, c, measure, 14);
    ASSERT_EQ(placed.size(), 1u);
    EXPECT_GT(placed[0].centre_px.x - placed[0].width_px / 2, 0);
    EXPECT_LT(placed[0].centre_px.x + placed[0].width_px / 2, 800);
    EXPECT_GT(placed[0].centre_px.y - placed[0].height_px / 2, 0);
    EXPECT_LT(placed[0].centre_px.y + placed[0].height_px / 2, 600);
}

TEST(Labels, OverlappingCandidatesAreDropped) {
    // Two thin neighbouring strips whose labels would collide: only one is placed.
    // At 20 m/px each strip is 20 px tall, room for 14 px text; the two labels would be 20 px apart.
    const std::vector<MultiPolygon> shapes{rect(-5000, -400, 5000, 0), rect(-5000, 0, 5000, 400)};
    const auto cands = candidates(shapes);
    const auto placed = place_labels(cands, camera(20), measure, 14);
    EXPECT_EQ(placed.size(), 1u);
    EXPECT_FALSE(labels_overlap(placed));
}

TEST(Labels, TooSmallAreasGetNoLabel) {
    const std::vector<MultiPolygon> shapes{rect(0, 0, 100, 100)};  // 1 px square at 100 m/px
    EXPECT_TRUE(place_labels(candidates(shapes), camera(100), measure, 14).empty());
}

TEST(Labels, PlacementScalesWithThePixelCount) {
    std::vector<MultiPolygon> shapes;
    for (int i = 0; i < 6; ++i) shapes.push_back(rect(i * 30000 - 90000, -40000, i * 30000 - 62000, 40000));
    const auto cands = candidates(shapes);
    const Camera c1 = camera(300);
    Camera c3 = c1;
    c3.width_px *= 3;
    c3.height_px *= 3;
    c3.metres_per_px /= 3;
    const auto a = place_labels(cands, c1, measure, 12);
    const auto b = place_labels(cands, c3, measure, 36);
    ASSERT_EQ(a.size(), b.size());
    ASSERT_FALSE(a.empty());
    for (size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].text, b[i].text);
        EXPECT_NEAR(a[i].centre_px.x * 3, b[i].centre_px.x, 1e-6);
        EXPECT_NEAR(a[i].centre_px.y * 3, b[i].centre_px.y, 1e-6);
    }
}

TEST(Geometry, PoleOfInaccessibilityOfARectangleIsItsCentre) {
    const MultiPolygon rect{Polygon{{{{0, 0}, {40, 0}, {40, 10}, {0, 10}}}}};
    const Pole p = pole_of_inaccessibility(rect, 0.01);
    EXPECT_NEAR(p.point.y, 5, 0.02);
    EXPECT_NEAR(p.radius, 5, 0.02);
    EXPECT_GT(p.point.x, 5);
    EXPECT_LT(p.point.x, 35);
}

TEST(Geometry, PoleAvoidsAHole) {
    // A 30 m square with a 10 m hole in the middle: the widest free disc sits on a diagonal,
    // touching two outer edges and the hole's corner: radius r with r = sqrt(2) * (10 - r).
    const MultiPolygon donut{Polygon{{square(0, 0, 30), square(10, 10, 10)}}};
    const Pole p = pole_of_inaccessibility(donut, 0.01);
    EXPECT_TRUE(contains(donut, p.point));
    EXPECT_NEAR(p.radius, 10 * std::sqrt(2.0) / (1 + std::sqrt(2.0)), 0.02);
}

}  // namespace
}  // namespace atlas
