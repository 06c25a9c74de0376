// Annotations over the map and the drawing tool's hint, with ImGui's draw lists.
#include "annotation_view.hpp"

#include <imgui.h>

#include <algorithm>

#include "core/ink_style.hpp"

namespace atlas {

namespace {

ImU32 colour_of(Rgba c) { return IM_COL32(c.r, c.g, c.b, c.a); }

std::vector<ImVec2> points_of(const Polyline& line, float ratio) {
    std::vector<ImVec2> out;
    for (Vec2 p : line) out.emplace_back(float(p.x / ratio), float(p.y / ratio));
    return out;
}

// A thick line with round joins and ends: a polyline and a disc at each point.
void round_line(ImDrawList* dl, const std::vector<ImVec2>& pts, ImU32 colour, float width, bool closed) {
    dl->AddPolyline(pts.data(), int(pts.size()), colour, closed ? ImDrawFlags_Closed : ImDrawFlags_None, width);
    for (const ImVec2& p : pts) dl->AddCircleFilled(p, width / 2, colour);
}

void draw_shape(ImDrawList* dl, const ScreenShape& s, float ratio, bool rim) {
    const float width = s.width_px / ratio;
    const float w = rim ? width + 2 * ink_rim_px(width) : width;
    const ImU32 c = colour_of(rim ? kInkRim : s.colour);
    switch (s.kind) {
        case ShapeKind::Freehand:
            for (const auto& l : s.lines) round_line(dl, points_of(l, ratio), c, w, false);
            break;
        case ShapeKind::Circle:
            for (const auto& l : s.lines) {
                auto pts = points_of(l, ratio);
                const bool closed = s.lines.size() == 1 && l.size() > 2 && l.front() == l.back();
                if (closed) pts.pop_back();
                round_line(dl, pts, c, w, closed);
            }
            break;
        case ShapeKind::Arrow: {
            if (s.lines.size() < 2) break;
            round_line(dl, points_of(s.lines[0], ratio), c, w, false);
            const auto head = points_of(s.lines[1], ratio);
            if (rim) dl->AddTriangle(head[0], head[1], head[2], c, 2 * ink_rim_px(width));
            dl->AddTriangleFilled(head[0], head[1], head[2], c);
            break;
        }
        case ShapeKind::Text: {
            const float size = s.text_px / ratio;
            const ImVec2 at(float(s.anchor_px.x / ratio), float(s.anchor_px.y / ratio) - size / 2);
            if (rim) {
                const ImU32 halo = colour_of(ink_text_halo(s.colour));
                const float r = ink_text_halo_px(size);
                for (int dx = -1; dx <= 1; ++dx)
                    for (int dy = -1; dy <= 1; ++dy)
                        if (dx || dy)
                            dl->AddText(ImGui::GetFont(), size, ImVec2(at.x + dx * r, at.y + dy * r), halo,
                                        s.text.c_str());
            } else {
                dl->AddText(ImGui::GetFont(), size, at, c, s.text.c_str());
            }
            break;
        }
    }
}

}  // namespace

void draw_annotations(const std::vector<ScreenShape>& shapes, float pixel_ratio) {
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    // Each shape's rim, then its ink: a later shape's rim may cover an earlier one's ink, as on paper.
    for (const ScreenShape& s : shapes) {
        draw_shape(dl, s, pixel_ratio, true);
        draw_shape(dl, s, pixel_ratio, false);
    }
}

void draw_annotation_hint(bool drawing, ShapeKind tool, Rgba colour, const std::string& message,
                          bool message_is_error) {
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    std::string line;
    if (drawing) {
        const char* names[] = {"Freehand (F)", "Arrow (A)", "Circle (O)", "Text (T)"};
        line = std::string("Drawing: ") + names[int(tool)] +
               "   F A O T tool, K colour, Backspace undo, C clear, S save, D stop";
    }
    const ImVec2 pad(8, 5), at(12, 12);
    const float swatch = ImGui::GetFontSize();
    float y = at.y;
    auto row = [&](const std::string& text, ImU32 ink, bool with_swatch) {
        const ImVec2 size = ImGui::CalcTextSize(text.c_str());
        const float x0 = at.x, x1 = at.x + size.x + 2 * pad.x + (with_swatch ? swatch + pad.x : 0);
        dl->AddRectFilled(ImVec2(x0, y), ImVec2(x1, y + size.y + 2 * pad.y), IM_COL32(15, 15, 20, 160), 4);
        float x = x0 + pad.x;
        if (with_swatch) {
            dl->AddRectFilled(ImVec2(x, y + pad.y), ImVec2(x + swatch, y + pad.y + swatch), colour_of(colour), 2);
            x += swatch + pad.x;
        }
        dl->AddText(ImVec2(x, y + pad.y), ink, text.c_str());
        y += size.y + 2 * pad.y + 4;
    };
    if (!line.empty()) row(line, IM_COL32(255, 255, 255, 230), true);
    if (!message.empty()) row(message, message_is_error ? IM_COL32(255, 110, 100, 255) : IM_COL32(255, 255, 255, 230), false);
}

}  // namespace atlas
