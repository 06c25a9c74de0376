#version 330 core
// The fill, with an optional pattern over it (membership overlays): diagonal lines, wide or
// thin, dots, or thin lines both ways. The pattern is anti-aliased, a fixed number of pixels
// apart, and anchored to the map (u_pattern_origin), so it moves with the map when panning and
// lines up across the bands of an export.
flat in vec4 v_colour;
flat in vec4 v_hatch;
uniform vec2 u_pattern_origin;   // added to (x, -y) of the fragment: image pixels anchored to the map
uniform float u_pattern_period;  // pixels: the pattern repeats this often along x and along y
out vec4 o_colour;

// Coverage of a pixel by diagonal stripes: t is x + y or x - y, repeating every `period` in t
// (so the pattern repeats every `period` pixels along x and y, like the dots), w the stripe's
// width across it in pixels.
float stripe(float t, float period, float w) {
    float d = abs(fract(t / period) - 0.5) * period * 0.70710678;  // pixels from the centre line
    return clamp(w * 0.5 + 0.5 - d, 0.0, 1.0);
}

void main() {
    vec3 c = v_colour.rgb;
    int kind = int(v_hatch.a * 255.0 + 0.5);
    if (kind != 0) {
        vec2 p = vec2(gl_FragCoord.x, -gl_FragCoord.y) + u_pattern_origin;
        float per = u_pattern_period;
        float cover = 0.0;
        // Stripes are period / sqrt(2) pixels apart across their direction.
        float gap = per * 0.70710678;
        if (kind == 1) cover = stripe(p.x + p.y, per, gap * 0.42);
        if (kind == 2) cover = stripe(p.x + p.y, per, max(gap * 0.18, 1.0));
        if (kind == 4) {
            float w = max(gap * 0.16, 1.0);
            cover = max(stripe(p.x + p.y, per, w), stripe(p.x - p.y, per, w));
        }
        if (kind == 3) {
            vec2 cell = (fract(p / per) - 0.5) * per;
            cover = clamp(per * 0.2 + 0.5 - length(cell), 0.0, 1.0);
        }
        c = mix(c, v_hatch.rgb, cover);
    }
    o_colour = vec4(c, 1.0);
}
