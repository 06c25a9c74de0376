// Country labels on the real map across a sweep of centres and zooms: never overlapping, always
// wholly inside the view, and Russia and China labelled whenever much of them is visible.
#include <gtest/gtest.h>

#include "core/frame.hpp"
#include "geo/model.hpp"
#include "text/shape.hpp"
#include "support/paths.hpp"

namespace atlas {
namespace {

TEST(LabelsSweep, NoOverlapInsideTheViewAndBigCountriesLabelled) {
    auto model = MapModel::load(test::data_dir(), "albers");
    TextShaper& font = shaper_for(kLabelFont);  // measuring needs no GL
    const TextMeasure measure = measure_with(font);
    const int rus = model->world->country_index("RUS"), chn = model->world->country_index("CHN");
    ASSERT_GE(rus, 0);
    ASSERT_GE(chn, 0);
    int views = 0, big_checked = 0;
    for (double height_km : {12000.0, 6000.0, 4200.0, 2500.0, 1200.0, 500.0, 150.0})
        for (double lon = 45; lon <= 95; lon += 12.5)
            for (double lat = 30; lat <= 58; lat += 7) {
                AppState s;
                s.camera = camera_for_view(*model->projection, View{lon, lat, height_km}, 1280, 720);
                const Frame f = build_frame(s, Style{}, model->colours, model->label_candidates, measure);
                std::vector<PlacedLabel> placed;
                for (const auto& l : f.labels) {
                    const double w = font.measure(l.text) * l.style.size_px, h = l.style.size_px * 1.2;
                    EXPECT_GE(l.centre_px.x - w / 2, 0) << l.text;
                    EXPECT_LE(l.centre_px.x + w / 2, 1280) << l.text;
                    EXPECT_GE(l.centre_px.y - h / 2, 0) << l.text;
                    EXPECT_LE(l.centre_px.y + h / 2, 720) << l.text;
                    placed.push_back({l.text, 0, l.centre_px, w, h});
                }
                EXPECT_FALSE(labels_overlap(placed)) << "view " << lon << "," << lat << "," << height_km;
                const Box view = s.camera.visible();
                for (int c : {rus, chn}) {
                    const double visible = area(clip(model->projected.countries[size_t(c)], view));
                    if (visible < 0.2 * view.width() * view.height()) continue;
                    ++big_checked;
                    const std::string& name = model->world->countries[size_t(c)].name;
                    bool found = false;
                    for (const auto& l : f.labels) found |= l.text == name;
                    EXPECT_TRUE(found) << name << " covers a fifth of view " << lon << "," << lat << "," << height_km
                                       << " but has no label";
                }
                ++views;
            }
    EXPECT_EQ(views, 7 * 5 * 5);
    EXPECT_GT(big_checked, 20);
}

}  // namespace
}  // namespace atlas
