// FreeType rasterisation of shaped glyphs (plain anti-aliased coverage, and a stroked outline for
// the halo) and shelf packing into a square single-channel texture that starts small and doubles when a
// frame's labels do not fit (large print exports).
#include "font.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_GLYPH_H
#include FT_STROKER_H

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace atlas {

namespace {
// 1024 px square holds the labels of a screen or a 4K export (about 1 MiB of texture); print
// sizes grow it.
constexpr int kFirstAtlasSize = 1024;
}  // namespace

struct Font::Impl {
    FT_Library lib = nullptr;
    FT_Stroker stroker = nullptr;
    // One per font of the shaper's chain, opened at its first glyph (most text needs only the first).
    struct Face {
        FT_Face face = nullptr;
        bool tried = false;
    };
    std::vector<Face> faces;
    ~Impl() {
        if (stroker) FT_Stroker_Done(stroker);
        for (const Face& f : faces)
            if (f.face) FT_Done_Face(f.face);
        if (lib) FT_Done_FreeType(lib);
    }
};

Font::Font() : Font(shaper_for(kLabelFont)) {}

Font::Font(TextShaper& shaper) : shaper_(shaper), impl_(std::make_unique<Impl>()) {
    if (FT_Init_FreeType(&impl_->lib)) throw std::runtime_error("FreeType could not start");
    if (FT_Stroker_New(impl_->lib, &impl_->stroker)) throw std::runtime_error("FreeType could not make a stroker");
    impl_->faces.resize(shaper.fonts().size());
}

Font::~Font() = default;

void Font::reset_atlas() {
    glyphs_.clear();
    pen_x_ = pen_y_ = row_h_ = 0;
}

bool Font::grow_atlas() {
    GLint limit = 0;
    glGetIntegerv(GL_MAX_TEXTURE_SIZE, &limit);
    const int current = atlas_size_ ? atlas_size_ : kFirstAtlasSize;
    if (current * 2 > limit) return false;
    reset_atlas();
    texture_.reset();
    atlas_size_ = current * 2;
    return true;
}

bool Font::pack(int w, int h, const unsigned char* pixels, int pitch, Sprite& out) {
    if (w <= 0 || h <= 0) return true;  // nothing to draw (a space)
    if (!atlas_size_) atlas_size_ = kFirstAtlasSize;
    const int size = atlas_size_;
    if (!texture_) {
        texture_ = GlTexture::make();
        glBindTexture(GL_TEXTURE_2D, texture_.id());
        glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, size, size, 0, GL_RED, GL_UNSIGNED_BYTE, nullptr);
        // Sprites are drawn at exactly their pixel size on whole pixels: sample them unfiltered.
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    }
    if (pen_x_ + w + 1 > size) {
        pen_x_ = 0;
        pen_y_ += row_h_ + 1;
        row_h_ = 0;
    }
    if (w + 1 > size || pen_y_ + h + 1 > size) return false;
    std::vector<unsigned char> rows(size_t(w) * size_t(h));
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) rows[size_t(y * w + x)] = pixels[y * pitch + x];
    glBindTexture(GL_TEXTURE_2D, texture_.id());
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexSubImage2D(GL_TEXTURE_2D, 0, pen_x_, pen_y_, w, h, GL_RED, GL_UNSIGNED_BYTE, rows.data());
    out.u0 = float(pen_x_) / size;
    out.v0 = float(pen_y_) / size;
    out.u1 = float(pen_x_ + w) / size;
    out.v1 = float(pen_y_ + h) / size;
    out.width = w;
    out.height = h;
    pen_x_ += w + 1;
    row_h_ = std::max(row_h_, h);
    return true;
}

const Font::Glyph* Font::glyph(int face_index, std::uint32_t id, float size_px, float halo_px) {
    const Key key{face_index, id, int(std::lround(size_px * 64)), int(std::lround(halo_px * 64))};
    if (auto it = glyphs_.find(key); it != glyphs_.end()) return &it->second;
    Impl::Face& f = impl_->faces.at(size_t(face_index));
    if (!f.tried) {
        f.tried = true;
        const FontFile& file = shaper_.fonts().file(size_t(face_index));
        if (FT_New_Face(impl_->lib, file.path.c_str(), file.index, &f.face)) f.face = nullptr;
    }
    Glyph g;
    FT_Face face = f.face;
    if (face) FT_Set_Char_Size(face, 0, FT_F26Dot6(std::lround(size_px * 64)), 72, 72);
    if (face && !FT_Load_Glyph(face, id, FT_LOAD_NO_BITMAP) && face->glyph->format == FT_GLYPH_FORMAT_OUTLINE) {
        FT_Glyph outline = nullptr;
        if (halo_px > 0 && !FT_Get_Glyph(face->glyph, &outline)) {
            FT_Stroker_Set(impl_->stroker, FT_Fixed(std::lround(halo_px * 64)), FT_STROKER_LINECAP_ROUND,
                           FT_STROKER_LINEJOIN_ROUND, 0);
            if (!FT_Glyph_StrokeBorder(&outline, impl_->stroker, 0, 1) &&
                !FT_Glyph_To_Bitmap(&outline, FT_RENDER_MODE_NORMAL, nullptr, 1)) {
                auto* bm = reinterpret_cast<FT_BitmapGlyph>(outline);
                if (!pack(int(bm->bitmap.width), int(bm->bitmap.rows), bm->bitmap.buffer, bm->bitmap.pitch, g.halo)) {
                    FT_Done_Glyph(outline);
                    return nullptr;
                }
                g.halo.left = bm->left;
                g.halo.top = bm->top;
            }
            FT_Done_Glyph(outline);
        }
        if (!FT_Render_Glyph(face->glyph, FT_RENDER_MODE_NORMAL)) {
            const FT_Bitmap& bm = face->glyph->bitmap;
            if (!pack(int(bm.width), int(bm.rows), bm.buffer, bm.pitch, g.fill)) return nullptr;
            g.fill.left = face->glyph->bitmap_left;
            g.fill.top = face->glyph->bitmap_top;
        }
    }
    return &glyphs_.emplace(key, g).first->second;
}

}  // namespace atlas
