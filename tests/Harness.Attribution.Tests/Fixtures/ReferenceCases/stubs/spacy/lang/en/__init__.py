class English: pass
