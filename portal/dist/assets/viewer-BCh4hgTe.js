import{o as e,u as t}from"./usePageTitle-CUEgSYxO.js";var n=e(`
  query Viewer {
    me {
      id
      name
      email
      role
      dealer {
        id
        code
        name
        tier
        status
        creditLimit
        paymentTermsDays
      }
    }
  }
`);function r(){return t({query:n})}export{r as t};