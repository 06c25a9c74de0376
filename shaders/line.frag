#version 330 core
flat in vec2 v_p0;
flat in vec2 v_p1;
uniform float u_half_width;
uniform vec4 u_colour;
out vec4 o_colour;
void main() {
    vec2 p = gl_FragCoord.xy;
    vec2 d = v_p1 - v_p0;
    float t = clamp(dot(p - v_p0, d) / max(dot(d, d), 1e-12), 0.0, 1.0);
    float dist = length(p - (v_p0 + t * d));
    // Coverage of a pixel by the capsule, with a one-pixel ramp at its edge. Lines thinner than
    // a pixel fade instead of breaking up.
    float w = max(u_half_width, 0.5);
    float cover = clamp(w + 0.5 - dist, 0.0, 1.0) * min(u_half_width / 0.5, 1.0);
    if (cover <= 0.0) discard;
    o_colour = vec4(u_colour.rgb, u_colour.a * cover);
}
