#version 330 core
// Wide anti-aliased lines of constant screen width: each instance is one segment, drawn as a
// quad around it grown by half the width plus one pixel for the anti-aliased edge. The
// fragment shader cuts the quad to a capsule, so joins are round with no gaps or spikes.
layout(location = 0) in vec4 a_segment;   // x0, y0, x1, y1 in map metres
uniform mat4 u_clip_from_map;
uniform vec2 u_viewport;                  // framebuffer size in pixels
uniform float u_half_width;               // pixels
flat out vec2 v_p0;                       // segment ends in framebuffer pixels
flat out vec2 v_p1;
void main() {
    vec4 c0 = u_clip_from_map * vec4(a_segment.xy, 0.0, 1.0);
    vec4 c1 = u_clip_from_map * vec4(a_segment.zw, 0.0, 1.0);
    vec2 p0 = (c0.xy * 0.5 + 0.5) * u_viewport;
    vec2 p1 = (c1.xy * 0.5 + 0.5) * u_viewport;
    vec2 d = p1 - p0;
    float len = length(d);
    vec2 dir = len > 1e-6 ? d / len : vec2(1.0, 0.0);
    vec2 nrm = vec2(-dir.y, dir.x);
    float r = u_half_width + 1.0;
    // Corners 0..3 of a triangle strip: (start, -n), (start, +n), (end, -n), (end, +n).
    int corner = gl_VertexID;
    vec2 base = corner < 2 ? p0 - dir * r : p1 + dir * r;
    vec2 p = base + nrm * ((corner & 1) == 0 ? -r : r);
    v_p0 = p0;
    v_p1 = p1;
    gl_Position = vec4(p / u_viewport * 2.0 - 1.0, 0.0, 1.0);
}
