// Draw order: water (clear), country fills, province edges, coasts, land borders, labels.
#include "renderer.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

#include "atlas_shaders.hpp"
#include "core/overlay.hpp"

namespace atlas {

void require_gl33() {
    GLint major = 0, minor = 0;
    glGetIntegerv(GL_MAJOR_VERSION, &major);
    glGetIntegerv(GL_MINOR_VERSION, &minor);
    if (major * 10 + minor < 33) {
        const char* v = reinterpret_cast<const char*>(glGetString(GL_VERSION));
        throw GlError(std::string("OpenGL 3.3 core is required, this context is ") + (v ? v : "unknown"));
    }
}

int max_framebuffer_size() {
    GLint rb = 0, vp[2] = {0, 0}, tex = 0;
    glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &rb);
    glGetIntegerv(GL_MAX_VIEWPORT_DIMS, vp);
    glGetIntegerv(GL_MAX_TEXTURE_SIZE, &tex);
    return std::min({rb, vp[0], vp[1], tex});
}

namespace {
// The shader's source with "#define NAME" after its #version line.
std::string with_define(const char* source, const char* name) {
    std::string s(source);
    const auto eol = s.find('\n');
    s.insert(eol == std::string::npos ? s.size() : eol + 1, std::string("#define ") + name + "\n");
    return s;
}

}  // namespace

Renderer::Renderer(Font& font)
    : font_(font),
      fill_("fill", kShader_fill_vert, kShader_fill_frag),
      area_("area", kShader_area_vert, kShader_area_frag),
      hatch_lines_("hatch", kShader_fill_vert, kShader_hatch_frag),
      hatch_cross_("hatch (cross)", kShader_fill_vert, with_define(kShader_hatch_frag, "CROSS").c_str()),
      hatch_dots_("hatch (dots)", kShader_fill_vert, with_define(kShader_hatch_frag, "DOTS").c_str()),
      line_("line", kShader_line_vert, kShader_line_frag),
      text_("text", kShader_text_vert, kShader_text_frag),
      symbol_("symbol", kShader_symbol_vert, kShader_symbol_frag) {
    symbol_vao_ = GlVertexArray::make();
    symbol_vbo_ = GlBuffer::make();
    glBindVertexArray(symbol_vao_.id());
    glBindBuffer(GL_ARRAY_BUFFER, symbol_vbo_.id());
    for (GLuint a = 0; a < 4; ++a) {
        glEnableVertexAttribArray(a);
        glVertexAttribPointer(a, 4, GL_FLOAT, GL_FALSE, 16 * sizeof(float),
                              reinterpret_cast<void*>(a * 4 * sizeof(float)));
        glVertexAttribDivisor(a, 1);
    }
    glBindVertexArray(0);
    palette_tex_ = GlTexture::make();
    glBindTexture(GL_TEXTURE_2D, palette_tex_.id());
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    text_vao_ = GlVertexArray::make();
    text_vbo_ = GlBuffer::make();
    glBindVertexArray(text_vao_.id());
    glBindBuffer(GL_ARRAY_BUFFER, text_vbo_.id());
    for (GLuint a = 0; a < 3; ++a) {  // rect, uv, colour: 12 floats per glyph
        glEnableVertexAttribArray(a);
        glVertexAttribPointer(a, 4, GL_FLOAT, GL_FALSE, 12 * sizeof(float),
                              reinterpret_cast<void*>(a * 4 * sizeof(float)));
        glVertexAttribDivisor(a, 1);
    }
    glBindVertexArray(0);
}

Renderer::~Renderer() = default;  // the GL objects delete themselves (gl_object.hpp)

void Renderer::upload_lines(Lines& l, const SegmentLayer& layer) {
    l.vao = GlVertexArray::make();
    l.vbo = GlBuffer::make();
    glBindVertexArray(l.vao.id());
    glBindBuffer(GL_ARRAY_BUFFER, l.vbo.id());
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(layer.segments.size() * sizeof(float)), layer.segments.data(),
                 GL_STATIC_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 4, GL_FLOAT, GL_FALSE, 4 * sizeof(float), nullptr);
    glVertexAttribDivisor(0, 1);
    l.cells = layer.cells;
}

void Renderer::upload(const ProjectedWorld& w) {
    levels_.clear();
    country_bounds_ = w.country_bounds;
    for (const DetailLevel& src : w.levels) {
        Level lv;
        lv.min_metres_per_px = src.min_metres_per_px;
        lv.fill_vao = GlVertexArray::make();
        lv.fill_vbo = GlBuffer::make();
        lv.fill_feature_vbo = GlBuffer::make();
        lv.fill_ibo = GlBuffer::make();
        glBindVertexArray(lv.fill_vao.id());
        glBindBuffer(GL_ARRAY_BUFFER, lv.fill_vbo.id());
        glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(src.fills.xy.size() * sizeof(float)), src.fills.xy.data(),
                     GL_STATIC_DRAW);
        glEnableVertexAttribArray(0);
        glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 2 * sizeof(float), nullptr);
        glBindBuffer(GL_ARRAY_BUFFER, lv.fill_feature_vbo.id());
        glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(src.fills.feature.size() * sizeof(unsigned)), src.fills.feature.data(),
                     GL_STATIC_DRAW);
        glEnableVertexAttribArray(1);
        glVertexAttribIPointer(1, 1, GL_UNSIGNED_INT, sizeof(unsigned), nullptr);
        glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, lv.fill_ibo.id());
        glBufferData(GL_ELEMENT_ARRAY_BUFFER, GLsizeiptr(src.fills.indices.size() * sizeof(unsigned)),
                     src.fills.indices.data(), GL_STATIC_DRAW);
        lv.country_ranges = src.fills.country_ranges;
        upload_lines(lv.borders, src.border_lines);
        upload_lines(lv.coasts, src.coast_lines);
        upload_lines(lv.provinces, src.province_lines);
        upload_lines(lv.other_provinces, src.other_province_lines);
        lv.area_edges.resize(src.area_edges.size());
        for (size_t a = 0; a < src.area_edges.size(); ++a) upload_lines(lv.area_edges[a], src.area_edges[a]);
        levels_.push_back(std::move(lv));
    }
    glBindVertexArray(0);
}


void Renderer::upload_region(std::vector<Lines>& levels, const ProjectedRegion& region) {
    levels.clear();
    levels.resize(1 + region.coarse.size());
    upload_lines(levels[0], region.layer);
    for (size_t i = 0; i < region.coarse.size(); ++i) upload_lines(levels[i + 1], region.coarse[i]);
}

void Renderer::upload_features(const MapFeatures& features) {
    region_lines_.clear();
    region_lines_.resize(features.regions.size());
    for (size_t i = 0; i < features.regions.size(); ++i) upload_region(region_lines_[i], features.regions[i]);
}

const Renderer::Lines* Renderer::lines_of(const FrameRegionLine& rl, int level) {
    const std::vector<Lines>* levels = nullptr;
    if (rl.own) {
        OwnLines& own = own_lines_[rl.own.get()];
        if (!own.region) {
            own.region = rl.own;
            upload_region(own.levels, *rl.own);
        }
        own.used = true;
        levels = &own.levels;
    } else if (rl.region >= 0 && size_t(rl.region) < region_lines_.size()) {
        levels = &region_lines_[size_t(rl.region)];
    }
    if (!levels || levels->empty()) return nullptr;
    return &(*levels)[std::min(size_t(level + 1), levels->size() - 1)];
}

void Renderer::draw_symbols(const std::vector<FrameSymbol>& symbols, int w, int h, Vec2 offset) {
    if (symbols.empty()) return;
    std::vector<float> inst;
    inst.reserve(symbols.size() * 16);
    auto rgba = [&inst](Rgba c) { inst.insert(inst.end(), {c.r / 255.f, c.g / 255.f, c.b / 255.f, c.a / 255.f}); };
    for (const auto& s : symbols) {
        inst.insert(inst.end(), {float(s.centre_px.x), float(s.centre_px.y), s.size_px, float(int(s.shape))});
        rgba(s.fill);
        rgba(s.outline);
        inst.insert(inst.end(), {s.outline_px, s.hollow ? 1.f : 0.f, 0.f, 0.f});
    }
    glUseProgram(symbol_.id());
    glUniform2f(symbol_.uniform("u_viewport"), float(w), float(h));
    glUniform2f(symbol_.uniform("u_offset"), float(offset.x), float(offset.y));
    glBindVertexArray(symbol_vao_.id());
    glBindBuffer(GL_ARRAY_BUFFER, symbol_vbo_.id());
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(inst.size() * sizeof(float)), inst.data(), GL_STREAM_DRAW);
    glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, GLsizei(symbols.size()));
}

void Renderer::draw_sea(int width, int height) {
    glViewport(0, 0, width, height);
    const Rgba water = Style{}.water;
    glClearColor(water.r / 255.f, water.g / 255.f, water.b / 255.f, 1);
    glClear(GL_COLOR_BUFFER_BIT);
}

void Renderer::warm_up() {
    ProjectedWorld tiny;
    tiny.levels.resize(1);
    DetailLevel& lv = tiny.levels[0];
    lv.fills.xy = {0, 0, 10, 0, 0, 10};
    lv.fills.feature = {0, 0, 0};
    lv.fills.indices = {0, 1, 2};
    lv.fills.country_ranges = {{0, 3}};
    Box b;
    b.add(Vec2{0, 0});
    b.add(Vec2{10, 10});
    tiny.country_bounds = {b};
    lv.border_lines.segments = {0, 0, 10, 10};
    lv.border_lines.cells = {{0, 1, b}};
    lv.coast_lines = lv.province_lines = lv.other_province_lines = lv.border_lines;
    upload(tiny);
    Frame f;
    f.camera.width_px = f.camera.height_px = 16;
    f.camera.metres_per_px = 1;
    f.country_fill = {Rgba{}};
    f.labels.push_back({"A", {8, 8}, TextStyle{}});
    f.symbols.push_back({{8, 8}, 6.0f, SymbolShape::Star, Rgba{}, Rgba{}, 1.0f, false, -1});
    OffscreenTarget target(16, 16);
    target.bind();
    for (Hatch kind : {Hatch::Dense, Hatch::Cross, Hatch::Dots, Hatch::None}) {  // every fill program
        f.country_hatch = {Rgba{0, 0, 0, std::uint8_t(kind)}};
        draw(f, 16, 16);
    }
    glFinish();
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

void Renderer::draw_lines(const Lines& l, const LineStyle& style, const std::array<float, 16>& m, int w, int h,
                          const Box& view) {
    if (l.cells.empty()) return;
    glUseProgram(line_.id());
    glUniformMatrix4fv(line_.uniform("u_clip_from_map"), 1, GL_FALSE, m.data());
    glUniform2f(line_.uniform("u_viewport"), float(w), float(h));
    glUniform1f(line_.uniform("u_half_width"), style.width_px / 2);
    glUniform4f(line_.uniform("u_colour"), style.colour.r / 255.f, style.colour.g / 255.f, style.colour.b / 255.f,
                style.colour.a / 255.f);
    glBindVertexArray(l.vao.id());
    glBindBuffer(GL_ARRAY_BUFFER, l.vbo.id());
    // Only cells that reach into the view; consecutive visible cells are drawn as one range.
    size_t k = 0;
    while (k < l.cells.size()) {
        if (!l.cells[k].bounds.intersects(view)) {
            ++k;
            continue;
        }
        const unsigned first = l.cells[k].first;
        unsigned count = 0;
        while (k < l.cells.size() && l.cells[k].bounds.intersects(view) && l.cells[k].first == first + count)
            count += l.cells[k++].count;
        glVertexAttribPointer(0, 4, GL_FLOAT, GL_FALSE, 4 * sizeof(float),
                              reinterpret_cast<void*>(size_t(first) * 4 * sizeof(float)));
        glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, GLsizei(count));
    }
}

void Renderer::draw_labels(const std::vector<FrameLabel>& labels, int w, int h, Vec2 offset) {
    if (labels.empty()) return;
    // Instances: x, y, width, height (px, y down), u0, v0, u1, v1, and the colour. All halos
    // first, then all letters: two draws for the whole frame whatever the number of labels.
    std::vector<float> inst[2];
    auto gather = [&]() -> bool {
        inst[0].clear();
        inst[1].clear();
        for (const auto& label : labels) {
            const float size = label.style.size_px;
            const auto shaped = font_.shaper().shape(label.text);
            double pen = label.centre_px.x - offset.x - shaped->width * size / 2;
            const double baseline = std::round(label.centre_px.y - offset.y + kLabelBaselineEm * size);
            // The shaped glyphs left to right (runs in visual order), each on a whole pixel.
            for (const ShapedRun& run : shaped->runs)
                for (const ShapedGlyph& sg : run.glyphs) {
                    const Font::Glyph* g = font_.glyph(run.face, sg.id, size, label.style.halo_px);
                    if (!g) return false;  // atlas full
                    const double x = std::round(pen + sg.x_offset * size);
                    const double y = baseline - std::round(sg.y_offset * size);
                    for (int pass = 0; pass < 2; ++pass) {
                        const Font::Sprite& sp = pass == 0 ? g->halo : g->fill;
                        if (sp.width == 0) continue;
                        const Rgba c = pass == 0 ? label.style.halo : label.style.colour;
                        inst[pass].insert(inst[pass].end(), {float(x + sp.left), float(y - sp.top), float(sp.width),
                                                             float(sp.height), sp.u0, sp.v0, sp.u1, sp.v1, c.r / 255.f,
                                                             c.g / 255.f, c.b / 255.f, c.a / 255.f});
                    }
                    pen += sg.advance * size;
                }
        }
        return true;
    };
    if (!gather()) {
        font_.reset_atlas();
        while (!gather())
            if (!font_.grow_atlas()) return;  // the labels alone exceed the largest texture: draw none
    }
    glUseProgram(text_.id());
    glUniform2f(text_.uniform("u_viewport"), float(w), float(h));
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, font_.texture());
    glUniform1i(text_.uniform("u_atlas"), 0);
    glBindVertexArray(text_vao_.id());
    glBindBuffer(GL_ARRAY_BUFFER, text_vbo_.id());
    std::vector<float> all = std::move(inst[0]);
    const size_t halos = all.size() / 12;
    all.insert(all.end(), inst[1].begin(), inst[1].end());
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(all.size() * sizeof(float)), all.data(), GL_STREAM_DRAW);
    const size_t letters = all.size() / 12 - halos;
    for (int pass = 0; pass < 2; ++pass) {
        const size_t first = pass == 0 ? 0 : halos, count = pass == 0 ? halos : letters;
        if (count == 0) continue;
        for (GLuint a = 0; a < 3; ++a)
            glVertexAttribPointer(a, 4, GL_FLOAT, GL_FALSE, 12 * sizeof(float),
                                  reinterpret_cast<void*>((first * 12 + a * 4) * sizeof(float)));
        glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, GLsizei(count));
    }
}

void Renderer::draw_panels(const Frame& frame, int w, int h, Vec2 offset) {
    if (frame.panels.empty()) return;
    if (!panel_programs_[0]) {  // made at first use: only figures and the presentation's caption have panels
        panel_programs_[0] = std::make_unique<Program>("panel", kShader_panel_vert, kShader_fill_frag);
        panel_programs_[1] = std::make_unique<Program>("panel (hatch)", kShader_panel_vert, kShader_hatch_frag);
        panel_programs_[2] = std::make_unique<Program>("panel (cross)", kShader_panel_vert,
                                                       with_define(kShader_hatch_frag, "CROSS").c_str());
        panel_programs_[3] =
            std::make_unique<Program>("panel (dots)", kShader_panel_vert, with_define(kShader_hatch_frag, "DOTS").c_str());
    }
    std::vector<float> inst;
    inst.reserve(frame.panels.size() * 12);
    for (const auto& p : frame.panels) {
        inst.insert(inst.end(), {float(p.min_px.x), float(p.min_px.y), float(p.max_px.x), float(p.max_px.y)});
        for (Rgba c : {p.fill, p.hatch}) inst.insert(inst.end(), {c.r / 255.f, c.g / 255.f, c.b / 255.f, c.a / 255.f});
    }
    glBindVertexArray(text_vao_.id());
    glBindBuffer(GL_ARRAY_BUFFER, text_vbo_.id());
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(inst.size() * sizeof(float)), inst.data(), GL_STREAM_DRAW);
    // Patterns anchored to the image's pixels, so they line up across the bands of an export.
    const double period = frame.hatch_period_px;
    auto anchor = [period](double px) { return float(px - period * std::floor(px / period)); };
    // In order, one draw each: panels overlap (an edge under its box), and a figure has a few dozen.
    const Program* current = nullptr;
    for (size_t i = 0; i < frame.panels.size(); ++i) {
        const Hatch kind = Hatch(frame.panels[i].hatch.a);
        const int which = kind == Hatch::None ? 0 : kind == Hatch::Cross ? 2 : kind == Hatch::Dots ? 3 : 1;
        const Program* prog = panel_programs_[size_t(which)].get();
        if (prog != current) {
            glUseProgram(prog->id());
            glUniform2f(prog->uniform("u_viewport"), float(w), float(h));
            glUniform2f(prog->uniform("u_offset"), float(offset.x), float(offset.y));
            glUniform2f(prog->uniform("u_pattern_origin"), anchor(offset.x), anchor(offset.y + h));
            glUniform1f(prog->uniform("u_pattern_period"), float(period));
            current = prog;
        }
        if (kind != Hatch::None) glUniform1f(prog->uniform("u_width"), float(hatch_width_px(kind, period)));
        // An opaque panel replaces what is under it: no blending, which saves a read per pixel.
        if (frame.panels[i].fill.a == 255)
            glDisable(GL_BLEND);
        else
            glEnable(GL_BLEND);
        for (GLuint a = 0; a < 3; ++a)
            glVertexAttribPointer(a, 4, GL_FLOAT, GL_FALSE, 12 * sizeof(float),
                                  reinterpret_cast<void*>((i * 12 + a * 4) * sizeof(float)));
        glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, 1);
    }
    glEnable(GL_BLEND);
}

void Renderer::draw(const Frame& frame, int w, int h, Vec2 offset) {
    glViewport(0, 0, w, h);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    // Rows under an opaque caption are not drawn at all (GL's rows count from the bottom).
    const int covered = std::clamp(frame.covered_bottom_px - int(std::lround(offset.y)) - (frame.camera.height_px - h), 0, h);
    if (covered > 0) {
        glEnable(GL_SCISSOR_TEST);
        glScissor(0, covered, w, h - covered);
    } else {
        glDisable(GL_SCISSOR_TEST);
    }
    // A transparent background (an export's transparent sea) is kept: the blending below adds each
    // layer's coverage to the alpha, and the colour comes out premultiplied by it.
    glClearColor(frame.background.r / 255.f, frame.background.g / 255.f, frame.background.b / 255.f,
                 frame.background.a / 255.f);
    glClear(GL_COLOR_BUFFER_BIT);
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);

    // The camera of this window of the image: same scale, centred on the window's centre.
    Camera tile = frame.camera;
    tile.width_px = w;
    tile.height_px = h;
    tile.centre = frame.camera.to_map({offset.x + w / 2.0, offset.y + h / 2.0});
    const auto m = tile.clip_from_map({0, 0});
    if (levels_.empty()) {
        draw_labels(frame.labels, w, h, offset);
        glDisable(GL_SCISSOR_TEST);
        draw_panels(frame, w, h, offset);
        draw_symbols(frame.panel_symbols, w, h, offset);
        draw_labels(frame.panel_labels, w, h, offset);
        return;
    }
    // The level of detail for this scale, and the visible map rectangle grown by the widest
    // line so segments just outside still draw their edge.
    const Level& lv = levels_[level_index(levels_, frame.camera.metres_per_px * frame.detail_bias)];
    Box view = tile.visible();
    const double margin =
        (std::max({frame.country_line.width_px, frame.country_halo.width_px, frame.coast_line.width_px,
                  frame.province_line.width_px}) +
         2) *
        frame.camera.metres_per_px;
    view.min_x -= margin;
    view.min_y -= margin;
    view.max_x += margin;
    view.max_y += margin;
    if (frame.draw_fills && !frame.country_fill.empty()) {
        glActiveTexture(GL_TEXTURE0);
        glBindTexture(GL_TEXTURE_2D, palette_tex_.id());
        // Row 0: fills; row 1: hatch colour and kind (none where the frame gives no hatch).
        std::vector<Rgba> palette = frame.country_fill;
        palette.resize(frame.country_fill.size() * 2, Rgba{0, 0, 0, 0});
        for (size_t i = 0; i < frame.country_hatch.size() && i < frame.country_fill.size(); ++i)
            palette[frame.country_fill.size() + i] = frame.country_hatch[i];
        if (palette_ != palette) {
            palette_ = std::move(palette);
            glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
            glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, GLsizei(frame.country_fill.size()), 2, 0, GL_RGBA,
                         GL_UNSIGNED_BYTE, palette_.data());
        }
        // Fills are opaque and never overlap: no blending, which saves a read per pixel.
        glDisable(GL_BLEND);
        // The pattern is anchored to the map: image pixels counted from the map's origin, reduced
        // modulo the period here in double precision so the shader's floats stay small.
        const double period = frame.hatch_period_px;
        auto anchor = [period](double px) { return float(px - period * std::floor(px / period)); };
        const double ox = offset.x + frame.camera.centre.x / frame.camera.metres_per_px - frame.camera.width_px / 2.0;
        const double oy =
            offset.y + h - frame.camera.centre.y / frame.camera.metres_per_px - frame.camera.height_px / 2.0;
        auto kind_of = [&frame](size_t c) {
            return c < frame.country_hatch.size() ? Hatch(frame.country_hatch[c].a) : Hatch::None;
        };
        glBindVertexArray(lv.fill_vao.id());
        // One pass per pattern: plain fills with the cheap program, then each pattern with its own,
        // so a pixel computes only its own pattern and a map without patterns pays nothing. Countries
        // whose box reaches into the view; neighbours in the index buffer in the same pass are merged.
        struct Pass {
            Hatch kind;
            const Program* program;
            double width;
        };
        const Pass passes[] = {{Hatch::None, &fill_, 0},
                               {Hatch::Dense, &hatch_lines_, hatch_width_px(Hatch::Dense, period)},
                               {Hatch::Sparse, &hatch_lines_, hatch_width_px(Hatch::Sparse, period)},
                               {Hatch::Cross, &hatch_cross_, hatch_width_px(Hatch::Cross, period)},
                               {Hatch::Dots, &hatch_dots_, hatch_width_px(Hatch::Dots, period)}};
        for (const Pass& pass : passes) {
            auto take = [&](size_t c) { return country_bounds_[c].intersects(view) && kind_of(c) == pass.kind; };
            const size_t nc = std::min(lv.country_ranges.size(), country_bounds_.size());
            bool used = false;
            size_t c = 0;
            while (c < nc) {
                if (!take(c)) {
                    ++c;
                    continue;
                }
                if (!used) {
                    const Program& prog = *pass.program;
                    glUseProgram(prog.id());
                    glUniformMatrix4fv(prog.uniform("u_clip_from_map"), 1, GL_FALSE, m.data());
                    glUniform1i(prog.uniform("u_palette"), 0);
                    if (pass.kind != Hatch::None) {
                        glUniform2f(prog.uniform("u_pattern_origin"), anchor(ox), anchor(oy));
                        glUniform1f(prog.uniform("u_pattern_period"), float(period));
                        glUniform1f(prog.uniform("u_width"), float(pass.width));
                    }
                    used = true;
                }
                const unsigned first = lv.country_ranges[c][0];
                unsigned count = 0;
                while (c < nc && take(c) && lv.country_ranges[c][0] == first + count)
                    count += lv.country_ranges[c++][1];
                if (count > 0)
                    glDrawElements(GL_TRIANGLES, GLsizei(count), GL_UNSIGNED_INT,
                                   reinterpret_cast<void*>(size_t(first) * sizeof(unsigned)));
            }
        }
    }
    glEnable(GL_BLEND);
    draw_user_fills(frame, m, region_level(frame.camera.metres_per_px * frame.detail_bias));
    if (frame.draw_province_lines) draw_lines(lv.provinces, frame.province_line, m, w, h, view);
    if (frame.draw_other_province_lines) draw_lines(lv.other_provinces, frame.province_line, m, w, h, view);
    // A control area's edge: a province edge while its owner is the country beyond it.
    auto edge_is_border = [&frame](size_t a) {
        return a >= frame.area_edge_is_border.size() || frame.area_edge_is_border[a];
    };
    if (frame.draw_other_province_lines)
        for (size_t a = 0; a < lv.area_edges.size(); ++a)
            if (!edge_is_border(a)) draw_lines(lv.area_edges[a], frame.province_line, m, w, h, view);
    if (frame.draw_country_lines) {
        if (frame.country_halo.width_px > 0) {  // the casing under every border, then the lines
            draw_lines(lv.borders, frame.country_halo, m, w, h, view);
            for (size_t a = 0; a < lv.area_edges.size(); ++a)
                if (edge_is_border(a)) draw_lines(lv.area_edges[a], frame.country_halo, m, w, h, view);
        }
        draw_lines(lv.coasts, frame.coast_line, m, w, h, view);
        draw_lines(lv.borders, frame.country_line, m, w, h, view);
        for (size_t a = 0; a < lv.area_edges.size(); ++a)
            if (edge_is_border(a)) draw_lines(lv.area_edges[a], frame.country_line, m, w, h, view);
    }
    // The article's lines over the borders (halo first, then the line), then the symbols.
    // (Simplified as the map's borders are: a coarser level while the camera flies.)
    const int level = region_level(frame.camera.metres_per_px * frame.detail_bias);
    for (auto& [region, own] : own_lines_) own.used = false;
    for (const auto& rl : frame.region_lines)
        if (const Lines* l = lines_of(rl, level); l && rl.halo.width_px > 0) draw_lines(*l, rl.halo, m, w, h, view);
    for (const auto& rl : frame.region_lines)
        if (const Lines* l = lines_of(rl, level)) draw_lines(*l, rl.line, m, w, h, view);
    std::erase_if(own_lines_, [](const auto& entry) { return !entry.second.used; });
    draw_symbols(frame.symbols, w, h, offset);
    draw_labels(frame.labels, w, h, offset);
    glDisable(GL_SCISSOR_TEST);  // the panels are what covers the rows left undrawn
    draw_panels(frame, w, h, offset);
    draw_symbols(frame.panel_symbols, w, h, offset);
    draw_labels(frame.panel_labels, w, h, offset);
    glBindVertexArray(0);
    glUseProgram(0);
}

void Renderer::draw_user_fills(const Frame& frame, const std::array<float, 16>& m, int level) {
    for (auto& [mesh, fill] : user_fills_) fill.used = false;
    for (const FrameUserFill& uf : frame.user_fills) {
        if (!uf.mesh || uf.mesh->levels.empty()) continue;
        UserFill& fill = user_fills_[uf.mesh.get()];
        if (!fill.mesh) {  // every level at once: a zoom then never waits for an upload
            fill.mesh = uf.mesh;
            for (const UserFillMesh& src : uf.mesh->levels) {
                UserFillLevel l;
                l.vao = GlVertexArray::make();
                l.vbo = GlBuffer::make();
                l.ibo = GlBuffer::make();
                l.count = GLsizei(src.indices.size());
                glBindVertexArray(l.vao.id());
                glBindBuffer(GL_ARRAY_BUFFER, l.vbo.id());
                glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(src.xy.size() * sizeof(float)), src.xy.data(), GL_STATIC_DRAW);
                glEnableVertexAttribArray(0);
                glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 2 * sizeof(float), nullptr);
                glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, l.ibo.id());
                glBufferData(GL_ELEMENT_ARRAY_BUFFER, GLsizeiptr(src.indices.size() * sizeof(unsigned)),
                             src.indices.data(), GL_STATIC_DRAW);
                fill.levels.push_back(std::move(l));
            }
        }
        fill.used = true;
        const UserFillLevel& l = fill.levels[std::min(size_t(level + 1), fill.levels.size() - 1)];
        if (l.count == 0) continue;
        glUseProgram(area_.id());
        glUniformMatrix4fv(area_.uniform("u_clip_from_map"), 1, GL_FALSE, m.data());
        glUniform4f(area_.uniform("u_colour"), uf.colour.r / 255.f, uf.colour.g / 255.f, uf.colour.b / 255.f,
                    uf.colour.a / 255.f);
        glBindVertexArray(l.vao.id());
        glDrawElements(GL_TRIANGLES, l.count, GL_UNSIGNED_INT, nullptr);
    }
    std::erase_if(user_fills_, [](const auto& entry) { return !entry.second.used; });
}

OffscreenTarget::OffscreenTarget(int width, int height) : width_(width), height_(height) {
    const int limit = max_framebuffer_size();
    if (width <= 0 || height <= 0)
        throw GlError("image size " + std::to_string(width) + "x" + std::to_string(height) + " is not positive");
    if (width > limit || height > limit)
        throw GlError("image size " + std::to_string(width) + "x" + std::to_string(height) +
                      " exceeds this GPU's limit of " + std::to_string(limit) + " pixels per side");
    fbo_ = GlFramebuffer::make();
    colour_ = GlRenderbuffer::make();
    glBindRenderbuffer(GL_RENDERBUFFER, colour_.id());
    while (glGetError() != GL_NO_ERROR) {
    }
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
    const GLenum err = glGetError();
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_.id());
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, colour_.id());
    if (err != GL_NO_ERROR || glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE) {
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        throw GlError("the GPU cannot allocate a " + std::to_string(width) + "x" + std::to_string(height) + " image");
    }
}

OffscreenTarget::~OffscreenTarget() = default;

void OffscreenTarget::bind() const { glBindFramebuffer(GL_FRAMEBUFFER, fbo_.id()); }

void OffscreenTarget::read_bottom_rows(int rows, std::vector<std::uint8_t>& out) const {
    read_bottom_left(width_, rows, out);
}

void OffscreenTarget::read_bottom_left(int columns, int rows, std::vector<std::uint8_t>& out) const {
    const size_t row = size_t(columns) * 4;
    out.resize(row * size_t(rows));
    glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo_.id());
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, columns, rows, GL_RGBA, GL_UNSIGNED_BYTE, out.data());
    // GL's first row is the bottom one: flip in place.
    std::vector<std::uint8_t> tmp(row);
    for (int y = 0; y < rows / 2; ++y) {
        std::uint8_t* a = out.data() + size_t(y) * row;
        std::uint8_t* b = out.data() + size_t(rows - 1 - y) * row;
        std::memcpy(tmp.data(), a, row);
        std::memcpy(a, b, row);
        std::memcpy(b, tmp.data(), row);
    }
}

}  // namespace atlas
