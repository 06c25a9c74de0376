#version 330 core
// Map labels: each instance is one glyph sprite, drawn at its exact pixel size.
layout(location = 0) in vec4 a_rect;   // x, y (top-left), width, height in framebuffer pixels, y down
layout(location = 1) in vec4 a_uv;     // u0, v0, u1, v1 in the atlas
layout(location = 2) in vec4 a_colour; // the label's halo or letter colour
uniform vec2 u_viewport;
out vec2 v_uv;
flat out vec4 v_colour;
void main() {
    vec2 corner = vec2(gl_VertexID & 1, gl_VertexID >> 1);
    vec2 p = a_rect.xy + corner * a_rect.zw;
    v_uv = mix(a_uv.xy, a_uv.zw, corner);
    v_colour = a_colour;
    gl_Position = vec4(p.x / u_viewport.x * 2.0 - 1.0, 1.0 - p.y / u_viewport.y * 2.0, 0.0, 1.0);
}
