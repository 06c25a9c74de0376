#version 330 core
// Glyph coverage from the atlas (halo sprites in the first pass, letters in the second, so no
// glyph's halo covers its neighbour's letter), tinted with its label's colour.
in vec2 v_uv;
flat in vec4 v_colour;
uniform sampler2D u_atlas;   // single channel coverage, 1 = inside
out vec4 o_colour;
void main() {
    float cover = texture(u_atlas, v_uv).r;
    if (cover <= 0.0) discard;
    o_colour = vec4(v_colour.rgb, v_colour.a * cover);
}
