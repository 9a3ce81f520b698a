curl $'https://a.test/x?y=\'z\'' -H $'X-A: tab\there' --json '{"a":[1,2]}' -sSLk
curl "https://a.test/p/\$HOME" -H "Cookie: a=1" --url https://a.test/q; curl -I https://a.test/head
