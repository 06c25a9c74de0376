#version 330 core
// Country fills: one triangle mesh for all countries; each vertex names its country, whose
// colours come from a two-row palette texture (so recolouring never re-uploads geometry):
// row 0 the fill, row 1 the hatch colour with the pattern kind in its alpha.
layout(location = 0) in vec2 a_pos;       // map metres
layout(location = 1) in uint a_feature;   // index into the palette rows
uniform mat4 u_clip_from_map;
uniform sampler2D u_palette;
flat out vec4 v_colour;
flat out vec4 v_hatch;
void main() {
    gl_Position = u_clip_from_map * vec4(a_pos, 0.0, 1.0);
    v_colour = texelFetch(u_palette, ivec2(int(a_feature), 0), 0);
    v_hatch = texelFetch(u_palette, ivec2(int(a_feature), 1), 0);
}
