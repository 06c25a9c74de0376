#version 330 core
// A user's polygons: the layer's colour, translucent (its alpha), blended over the countries.
uniform vec4 u_colour;
out vec4 o_colour;
void main() { o_colour = u_colour; }
