"""Pages of works and livelihood models under /cong-trinh/."""
