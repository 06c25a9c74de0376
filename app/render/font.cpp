// FreeType rasterisation (plain anti-aliased coverage, and a stroked outline for the halo) and
// shelf packing into a square single-channel texture that starts small and doubles when a
// frame's labels do not fit (large print exports).
#include "font.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_GLYPH_H
#include FT_STROKER_H

#include <cmath>
#include <map>
#include <stdexcept>

#include "core/errors.hpp"

namespace atlas {

namespace {
// 1024 px square holds the labels of a screen or a 4K export (about 1 MiB of texture); print
// sizes grow it.
constexpr int kFirstAtlasSize = 1024;
// Em size used for measuring: large enough that rounding of advances is negligible.
constexpr int kMeasureEm = 1000;
}  // namespace

struct Font::Impl {
    FT_Library lib = nullptr;
    FT_Face face = nullptr;
    FT_Stroker stroker = nullptr;
    ~Impl() {
        if (stroker) FT_Stroker_Done(stroker);
        if (face) FT_Done_Face(face);
        if (lib) FT_Done_FreeType(lib);
    }
};

Font::Font() : Font(find_font(kLabelFont)) {}

Font::Font(const FontFile& file) : impl_(std::make_unique<Impl>()) {
    if (FT_Init_FreeType(&impl_->lib)) throw std::runtime_error("FreeType could not start");
    if (FT_New_Face(impl_->lib, file.path.c_str(), file.index, &impl_->face))
        throw DataError(file.path + ": font file unreadable");
    if (FT_Stroker_New(impl_->lib, &impl_->stroker)) throw std::runtime_error("FreeType could not make a stroker");
}

Font::~Font() {
    if (texture_) glDeleteTextures(1, &texture_);
}

std::vector<char32_t> Font::decode(const std::string& s) {
    std::vector<char32_t> out;
    for (size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1f) : len == 3 ? (c & 0x0f) : (c & 0x07);
        bool ok = len > 0 && i + size_t(len) <= s.size();
        for (int k = 1; ok && k < len; ++k) {
            const auto cc = static_cast<unsigned char>(s[i + size_t(k)]);
            ok = (cc >> 6) == 2;
            cp = (cp << 6) | (cc & 0x3f);
        }
        if (!ok) {
            out.push_back(0xFFFD);
            ++i;
            continue;
        }
        out.push_back(cp);
        i += size_t(len);
    }
    return out;
}

double Font::advance(char32_t cp) {
    if (auto it = advances_.find(cp); it != advances_.end()) return it->second;
    FT_Set_Pixel_Sizes(impl_->face, 0, kMeasureEm);
    double adv = 0;
    if (!FT_Load_Char(impl_->face, cp, FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP))
        adv = double(impl_->face->glyph->advance.x) / 64.0 / kMeasureEm;
    advances_[cp] = adv;
    return adv;
}

double Font::measure(const std::string& text) {
    double w = 0;
    for (char32_t cp : decode(text)) w += advance(cp);
    return w;
}

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
    if (texture_) glDeleteTextures(1, &texture_);
    texture_ = 0;
    atlas_size_ = current * 2;
    return true;
}

bool Font::pack(int w, int h, const unsigned char* pixels, int pitch, Sprite& out) {
    if (w <= 0 || h <= 0) return true;  // nothing to draw (a space)
    if (!atlas_size_) atlas_size_ = kFirstAtlasSize;
    const int size = atlas_size_;
    if (!texture_) {
        glGenTextures(1, &texture_);
        glBindTexture(GL_TEXTURE_2D, texture_);
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
    glBindTexture(GL_TEXTURE_2D, texture_);
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

const Font::Glyph* Font::glyph(char32_t cp, float size_px, float halo_px) {
    const auto key = std::make_tuple(cp, int(std::lround(size_px * 64)), int(std::lround(halo_px * 64)));
    if (auto it = glyphs_.find(key); it != glyphs_.end()) return &it->second;
    FT_Face face = impl_->face;
    Glyph g;
    FT_Set_Char_Size(face, 0, FT_F26Dot6(std::lround(size_px * 64)), 72, 72);
    if (!FT_Load_Char(face, cp, FT_LOAD_NO_BITMAP) && face->glyph->format == FT_GLYPH_FORMAT_OUTLINE) {
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
