#version 330 core
// Decoration panels of an exported figure (boxes, legend swatches, scale bar parts): each instance
// is one rectangle in image pixels. The fragment shader is a fill's (plain, or with a pattern).
layout(location = 0) in vec4 a_rect;   // x0, y0, x1, y1: image pixels, y down
layout(location = 1) in vec4 a_fill;
layout(location = 2) in vec4 a_hatch;  // pattern colour (its kind chooses the program)
uniform vec2 u_viewport;               // framebuffer size in pixels
uniform vec2 u_offset;                 // image pixel at the framebuffer's top-left
flat out vec4 v_colour;
flat out vec4 v_hatch;
void main() {
    vec2 corner = vec2(gl_VertexID & 1, gl_VertexID >> 1);
    vec2 p = mix(a_rect.xy, a_rect.zw, corner) - u_offset;
    gl_Position = vec4(p.x / u_viewport.x * 2.0 - 1.0, 1.0 - p.y / u_viewport.y * 2.0, 0.0, 1.0);
    v_colour = a_fill;
    v_hatch = a_hatch;
}
