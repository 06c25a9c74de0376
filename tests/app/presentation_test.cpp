// The presentation's caption for every scene of the shipped tour, laid out in the real label font:
// on a 1080-line screen each passage is shown whole (no word cut) at 28 px or more, with the
// scene's number and title and the full citation, and the rows under it are marked covered.
#include <gtest/gtest.h>

#include <algorithm>

#include "export.hpp"
#include "geo/model.hpp"
#include "render/font.hpp"
#include "support/paths.hpp"

namespace atlas {
namespace {

TEST(Presentation, EveryScenesCaptionShowsItsPassageWholeAndCitesIt) {
    const auto model = MapModel::load(test::data_dir(), "albers");
    ASSERT_FALSE(model->tour.empty());
    Font font;
    const TextMeasure measure = [&font](const std::string& t) { return font.measure(t); };
    for (const auto& [w, h] : {std::make_pair(1920, 1080), std::make_pair(3840, 2160)}) {
        const float scale = float(h) / 1080.0f;
        for (size_t i = 0; i < model->tour.size(); ++i) {
            const Scene& sc = model->tour[i];
            Frame frame;
            frame.camera.width_px = w;
            frame.camera.height_px = h;
            add_presentation_caption(frame, *model, i, measure, scale);
            ASSERT_FALSE(frame.panels.empty()) << sc.id;
            ASSERT_GE(frame.panel_labels.size(), 3u) << sc.id;
            // The heading, then the passage's lines, then the source's.
            EXPECT_EQ(frame.panel_labels.front().text, scene_heading(i, model->tour.size(), sc.title));
            std::string quoted, source;
            for (size_t k = 1; k < frame.panel_labels.size(); ++k) {
                const FrameLabel& l = frame.panel_labels[k];
                EXPECT_LE(font.measure(l.text) * l.style.size_px, w) << sc.id << ": " << l.text;
                std::string& into = l.style.size_px >= 28 * scale ? quoted : source;
                into += (into.empty() ? "" : " ") + l.text;
            }
            const Passage* p = model->article->passage(sc.passage);
            ASSERT_TRUE(p) << sc.id;
            EXPECT_EQ(quoted, "\u201c" + p->text + "\u201d") << sc.id;
            EXPECT_NE(source.find("passage " + sc.passage + "."), std::string::npos) << sc.id;
            EXPECT_NE(source.find(model->article->citation), std::string::npos) << sc.id << ": " << source;
            // The map is not drawn under the band, and nothing above it is covered.
            double top = h;
            for (const auto& p2 : frame.panels) top = std::min(top, p2.min_px.y);
            EXPECT_EQ(frame.covered_bottom_px, int(h - top)) << sc.id;
            EXPECT_LE(frame.covered_bottom_px, h / 3 + 1) << sc.id;
        }
    }
}

}  // namespace
}  // namespace atlas
