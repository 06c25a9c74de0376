// The OpenGL 3.3 core map renderer: uploads a ProjectedWorld once, then draws any Frame into
// whatever framebuffer is bound (a window or an OffscreenTarget). It never reads UI state.
#pragma once

#include <epoxy/gl.h>

#include <cstdint>
#include <map>
#include <memory>
#include <vector>

#include "core/frame.hpp"
#include "core/world.hpp"
#include "font.hpp"
#include "render/gl_object.hpp"
#include "program.hpp"

namespace atlas {

// Checks the current context is OpenGL 3.3 core or newer; throws GlError saying what was found.
void require_gl33();

// Largest framebuffer side, in pixels, this GL can render in one piece.
int max_framebuffer_size();

class Renderer {
public:
    // Compiles the programs (throws GlError). Needs a current context; `font` must outlive this.
    explicit Renderer(Font& font);
    ~Renderer();
    Renderer(const Renderer&) = delete;
    Renderer& operator=(const Renderer&) = delete;

    // Draws a tiny throw-away map offscreen so the driver compiles every shader variant now
    // (software GL compiles them at first use). Call before upload(), e.g. while data loads.
    void warm_up();

    // Replaces the GPU copy of the map geometry (call after each projection change).
    void upload(const ProjectedWorld& world);
    // Draws `frame` into the bound framebuffer of size width x height pixels. With an offset,
    // draws the width x height window of the frame's image whose top-left pixel is at
    // offset_px: rendering a large image tile by tile gives the same pixels as one pass.
    void draw(const Frame& frame, int width, int height, Vec2 offset_px = {0, 0});
    // The sea's colour over the whole width x height framebuffer (a window with no map).
    void draw_sea(int width, int height);
    // Replaces the GPU copy of the article's region lines (call with each new MapFeatures).
    void upload_features(const MapFeatures& features);

private:
    struct Lines {
        GlVertexArray vao;
        GlBuffer vbo;
        std::vector<SegmentLayer::Cell> cells;
    };
    // One level of detail on the GPU.
    struct Level {
        double min_metres_per_px = 0;
        GlVertexArray fill_vao;
        GlBuffer fill_vbo, fill_feature_vbo, fill_ibo;
        std::vector<std::array<unsigned, 2>> country_ranges;
        Lines borders, coasts, provinces, other_provinces;
        std::vector<Lines> area_edges;  // per World::areas entry
    };
    void upload_lines(Lines& l, const SegmentLayer& layer);
    // The GPU lines of a region line of the frame: a region of the uploaded features, or one the
    // frame holds (a selection's outline), uploaded when first drawn. Null if there is none.
    // `level`: region_level's, -1 for full detail.
    const Lines* lines_of(const FrameRegionLine& line, int level);
    // A region's lines on the GPU: [0] full detail, then each of its coarse levels.
    void upload_region(std::vector<Lines>& levels, const ProjectedRegion& region);
    void draw_lines(const Lines& l, const LineStyle& style, const std::array<float, 16>& m, int w, int h,
                    const Box& view);
    void draw_labels(const std::vector<FrameLabel>& labels, int w, int h, Vec2 offset);
    void draw_panels(const Frame& frame, int w, int h, Vec2 offset);
    void draw_symbols(const std::vector<FrameSymbol>& symbols, int w, int h, Vec2 offset);

    Font& font_;
    Program fill_, area_, hatch_lines_, hatch_cross_, hatch_dots_, line_, text_, symbol_;
    std::unique_ptr<Program> panel_programs_[4];  // plain, lines, cross, dots: made at first use
    std::vector<std::vector<Lines>> region_lines_;  // per MapFeatures::regions entry (upload_region)
    // The regions frames hold (selection outlines), kept while the frames drawn use them.
    struct OwnLines {
        std::shared_ptr<const ProjectedRegion> region;  // kept, so its address is not reused
        std::vector<Lines> levels;
        bool used = false;
    };
    std::map<const ProjectedRegion*, OwnLines> own_lines_;
    // The user's layers' polygons on the GPU, kept while the frames drawn use them (as own_lines_).
    struct UserFillLevel {
        GlVertexArray vao;
        GlBuffer vbo, ibo;
        GLsizei count = 0;
    };
    struct UserFill {
        std::shared_ptr<const UserFills> mesh;
        std::vector<UserFillLevel> levels;  // as UserFills::levels
        bool used = false;
    };
    std::map<const UserFills*, UserFill> user_fills_;
    void draw_user_fills(const Frame& frame, const std::array<float, 16>& m, int level);
    GlVertexArray symbol_vao_;
    GlBuffer symbol_vbo_;
    std::vector<Level> levels_;
    std::vector<Box> country_bounds_;
    GlTexture palette_tex_;

    std::vector<Rgba> palette_;
    GlVertexArray text_vao_;
    GlBuffer text_vbo_;
};

// A framebuffer object of a fixed size for headless rendering and exports.
class OffscreenTarget {
public:
    // Throws GlError if the size is not positive, exceeds max_framebuffer_size(), or the
    // driver cannot allocate it.
    OffscreenTarget(int width, int height);
    ~OffscreenTarget();
    OffscreenTarget(const OffscreenTarget&) = delete;
    OffscreenTarget& operator=(const OffscreenTarget&) = delete;

    void bind() const;
    int width() const { return width_; }
    int height() const { return height_; }
    // The bottom `rows` rows of the target as RGBA, top row first, into `out` (resized to fit).
    void read_bottom_rows(int rows, std::vector<std::uint8_t>& out) const;
    // The same for the `columns` leftmost pixels of those rows (a narrower last tile).
    void read_bottom_left(int columns, int rows, std::vector<std::uint8_t>& out) const;

private:
    int width_, height_;
    GlFramebuffer fbo_;
    GlRenderbuffer colour_;
};

}  // namespace atlas
