#version 330 core
// A fill with a pattern over it (membership overlays), anti-aliased and anchored to the map
// (u_pattern_origin), so it moves with the map and lines up across the bands of an export. Built
// three times (see Renderer): diagonal lines of width u_width (wide for members, thin for
// observers), the same both ways (CROSS, partners), and dots (DOTS, dialogue partners). Each
// country is drawn with its own pattern's program, so a pixel computes one pattern only.
flat in vec4 v_colour;
flat in vec4 v_hatch;
uniform vec2 u_pattern_origin;   // added to (x, -y) of the fragment: image pixels anchored to the map
uniform float u_pattern_period;  // pixels: the pattern repeats this often along x and along y
uniform float u_width;           // line width across the lines, or the dots' radius (pixels)
out vec4 o_colour;

// Coverage by diagonal lines: t is x + y or x - y, repeating every period in t (period / sqrt(2)
// pixels apart across the lines).
float stripe(float t, float period, float w) {
    float d = abs(fract(t / period) - 0.5) * period * 0.70710678;  // pixels from the centre line
    return clamp(w * 0.5 + 0.5 - d, 0.0, 1.0);
}

void main() {
    vec2 p = vec2(gl_FragCoord.x, -gl_FragCoord.y) + u_pattern_origin;
    float per = u_pattern_period;
#if defined(DOTS)
    vec2 cell = (fract(p / per) - 0.5) * per;
    float cover = clamp(u_width + 0.5 - length(cell), 0.0, 1.0);
#elif defined(CROSS)
    float cover = max(stripe(p.x + p.y, per, u_width), stripe(p.x - p.y, per, u_width));
#else
    float cover = stripe(p.x + p.y, per, u_width);
#endif
    o_colour = vec4(mix(v_colour.rgb, v_hatch.rgb, cover), 1.0);
}
