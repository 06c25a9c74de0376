// Annotations over the map and the drawing tool's hint, with ImGui's draw lists.
#include "annotation_view.hpp"

#include <imgui.h>

#include <algorithm>

namespace atlas {

namespace {

const ImU32 kRim = IM_COL32(15, 15, 20, 230);  // near-black: reads against the light fills and the white ink
// Text is thinner than a line: dark ink (the red) gets a white halo, as the map's own labels do,
// so that it also reads on the dark blue of the CSTO's fill.
const ImU32 kLightRim = IM_COL32(255, 255, 255, 235);

// Relative luminance (Rec. 709 weights on the 8-bit values: enough to tell dark ink from light).
float luminance(Rgba c) { return (0.2126f * c.r + 0.7152f * c.g + 0.0722f * c.b) / 255.0f; }

ImU32 colour_of(Rgba c) { return IM_COL32(c.r, c.g, c.b, c.a); }

// The rim each side of a line: a quarter of its width, at least 1.5 points so thin lines keep one.
float rim_of(float width) { return std::max(1.5f, width * 0.25f); }

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
    const float w = rim ? width + 2 * rim_of(width) : width;
    const ImU32 c = rim ? kRim : colour_of(s.colour);
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
            if (rim) dl->AddTriangle(head[0], head[1], head[2], c, 2 * rim_of(width));
            dl->AddTriangleFilled(head[0], head[1], head[2], c);
            break;
        }
        case ShapeKind::Text: {
            const float size = s.text_px / ratio;
            const ImVec2 at(float(s.anchor_px.x / ratio), float(s.anchor_px.y / ratio) - size / 2);
            if (rim) {
                const ImU32 halo = luminance(s.colour) < 0.5f ? kLightRim : kRim;
                const float r = std::max(1.5f, size / 14);  // a rim that stays visible on large text
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
