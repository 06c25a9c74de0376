// What the tests that draw through the renderer share (tests/render, and the banded rendering in
// tests/export): a headless GL context, the shipped map in each projection, the labels' font and
// a renderer, made once and kept for the tests that follow, and pixels as a test::Image (the Render
// fixture: one class for every file of a suite, as GoogleTest requires of the tests of a suite).
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "export/export.hpp"
#include "render/font.hpp"
#include "support/gl.hpp"
#include "support/image.hpp"
#include "support/paths.hpp"

namespace atlas::test {

// The map, the font and the renderer are shared by the tests that run in one process (loading once).
struct RenderFixture {
    std::unique_ptr<MapModel> albers;
    Font font;
    std::unique_ptr<Renderer> renderer;
    TextMeasure measure = measure_with(font.shaper());
    std::map<std::string, std::unique_ptr<MapModel>> models;

    MapModel& model(const std::string& projection) {
        auto& m = models[projection];
        if (!m) {
            m = MapModel::load(test::data_dir(), projection);
        }
        return *m;
    }
    std::vector<std::uint8_t> render(const std::string& projection, const AppState& state) {
        MapModel& m = model(projection);
        renderer->upload(m.projected);
        renderer->upload_features(m.features);
        return render_offscreen(*renderer, m, state, measure);
    }
};

class Render : public ::testing::Test {
protected:
    static inline std::unique_ptr<HeadlessContext> gl_;
    static inline std::unique_ptr<RenderFixture> fx_;
    std::unique_ptr<HeadlessContext> local_;

    void SetUp() override {
        if (!gl_) {
            ATLAS_REQUIRE_GL(ctx);
            gl_ = std::move(ctx);
            fx_ = std::make_unique<RenderFixture>();
            fx_->renderer = std::make_unique<Renderer>(fx_->font);
        }
    }
    static void TearDownTestSuite() {
        fx_.reset();
        gl_.reset();
    }

    AppState state_for(const std::string& projection, const View& view, int w, int h, float scale, Layers layers = {}) {
        AppState s;
        s.projection = projection;
        s.camera = camera_for_view(*fx_->model(projection).projection, view, w, h);
        s.pixel_scale = scale;
        s.layers = layers;
        return s;
    }

    static test::Image to_image(const std::vector<std::uint8_t>& px, int w, int h) { return {w, h, px}; }
};

}  // namespace atlas::test
