// Tailwind CSS 4 runs as a single PostCSS plugin (no autoprefixer needed: Lightning CSS handles it).
export default {
  plugins: { '@tailwindcss/postcss': {} },
};
