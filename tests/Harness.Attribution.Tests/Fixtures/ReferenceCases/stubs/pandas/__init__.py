class DataFrame: pass
