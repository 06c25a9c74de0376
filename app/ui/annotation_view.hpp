// The presenter's annotations drawn over the map with Dear ImGui, and the small hint of the drawing
// tool. Draws what it is given (shapes already on screen); no GL calls, no projection.
#pragma once

#include <string>
#include <vector>

#include "core/annotation.hpp"

namespace atlas {

// Draws the shapes (framebuffer pixels; `pixel_ratio` framebuffer pixels per window point) in
// their colours with a dark rim, on ImGui's background list: over the map, under the caption, so
// a blanked screen hides them too.
void draw_annotations(const std::vector<ScreenShape>& shapes, float pixel_ratio);

// The tool's hint in the top-left corner, small and translucent: the tool, its colour and the keys.
// `message` (a save's result) goes on a second line, red if `message_is_error`.
void draw_annotation_hint(bool drawing, ShapeKind tool, Rgba colour, const std::string& message,
                          bool message_is_error);

}  // namespace atlas
