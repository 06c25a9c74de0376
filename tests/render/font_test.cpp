// The renderer's font (app/render/font.cpp): its glyph atlas grows to hold text larger than the
// first atlas fits, so that no label is dropped.
#include <gtest/gtest.h>

#include "support/image.hpp"
#include "support/render_fixture.hpp"

namespace atlas {
namespace {

using test::Render;

TEST_F(Render, LabelsLargerThanTheFirstGlyphAtlasAreStillDrawn) {
    // Text at 20x (a poster) overflows the first 1024 px glyph atlas: it must grow, not drop labels.
    const View view{66, 41, 5000};
    AppState with = state_for("albers", view, 4000, 3000, 20.0f);
    // Country names alone: the article's features would take their room first.
    with.layers.northern_border = with.layers.regions = with.layers.places = with.layers.capitals = false;
    AppState without = with;
    without.layers.labels = false;
    const auto a = to_image(fx_->render("albers", with), with.camera.width_px, with.camera.height_px);
    const auto b = to_image(fx_->render("albers", without), with.camera.width_px, with.camera.height_px);
    EXPECT_GT(fx_->font.atlas_size(), 1024);
    const auto cmp = test::compare(a, b, 0.1);
    // With no label drawn, no pixel would differ.
    EXPECT_GT(cmp.fraction, 0.01) << "labels missing: only " << cmp.differing << " pixels differ";
}

}  // namespace
}  // namespace atlas
