// The page view on a phone: the row of an issue's page images starts at the
// page shown. CSS does it where `scroll-initial-target` is supported; where
// it is not, this does, once. Nothing else depends on it: the row, its swipe
// and every link work without script.
(() => {
  const leaf = document.querySelector(".leaves.swipe .leaf.current");
  if (!leaf) return;
  const row = leaf.parentElement;
  const off = leaf.getBoundingClientRect().left - row.getBoundingClientRect().left;
  if (Math.abs(off) > 1) row.scrollLeft += off;
})();
