import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{a as r,c as i,d as a,f as o,h as s,i as c,l,m as u,n as d,o as f,r as p,s as m,st as h,t as g}from"./format-vgwNoYKV.js";import{t as _}from"./useTranslation-C_P0klXE.js";import{n as v}from"./index-1_dMPXYu.js";var y=e(t(),1),b=n(),x=20,S=o(`
  query MarketOptions($dealerID: ID!, $isDealer: Boolean!) {
    settings {
      today
    }
    products(where: { active: true }, orderBy: { field: SKU }, first: 100) {
      edges {
        node {
          id
          sku
          name
        }
      }
    }
    territories(first: 100) @skip(if: $isDealer) {
      edges {
        node {
          id
          name
        }
      }
    }
    dealer: node(id: $dealerID) @include(if: $isDealer) {
      __typename
      id
      ... on Dealer {
        territories {
          id
          name
        }
      }
    }
  }
`),C=o(`
  query PriceObservations($territoryID: ID, $productID: ID) {
    priceObservations(territoryID: $territoryID, productID: $productID, first: 50) {
      territory {
        id
        name
      }
      product {
        id
        sku
        name
      }
      competitor
      observedPrice
      observedOn
      ourPrice
    }
  }
`),w=o(`
  query MarketReports(
    $territoryID: ID
    $productID: ID
    $from: Date
    $to: Date
    $first: Int
    $after: Cursor
    $last: Int
    $before: Cursor
  ) {
    marketReports(
      territoryID: $territoryID
      productID: $productID
      from: $from
      to: $to
      first: $first
      after: $after
      last: $last
      before: $before
    ) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        node {
          id
          competitor
          observedPrice
          observedOn
          note
          reportedByName
          reportedAt
          dealer {
            id
            name
          }
          territory {
            id
            name
          }
          product {
            id
            sku
            name
          }
        }
      }
    }
  }
`),T=o(`
  mutation SubmitMarketReport($input: SubmitMarketReportInput!) {
    submitMarketReport(input: $input) {
      id
    }
  }
`);function E(){let{t:e}=_(),[{data:t}]=a(),n=t?.me,i=n?.role===`DEALER`;p(e(`market.title`));let[o,c]=(0,y.useState)(0),[{data:l,error:u}]=s({query:S,variables:{dealerID:n?.dealer?.id??``,isDealer:i},pause:!n});if(u&&!l)return(0,b.jsx)(r,{error:u});if(!l)return(0,b.jsx)(f,{});let d=(l.products.edges??[]).flatMap(e=>e?.node?[{id:e.node.id,name:`${e.node.sku} ${e.node.name}`}]:[]),m=i?l.dealer?.__typename===`Dealer`?l.dealer.territories??[]:[]:(l.territories?.edges??[]).flatMap(e=>e?.node?[e.node]:[]);return(0,b.jsxs)(`section`,{"aria-labelledby":`market-title`,children:[(0,b.jsx)(`h1`,{id:`market-title`,children:e(`market.title`)}),(0,b.jsx)(`p`,{className:`lead`,children:e(i?`market.intro`:`market.staffIntro`)}),i&&(0,b.jsx)(D,{territories:m,products:d,today:l.settings.today,onSent:()=>c(e=>e+1)}),i&&(0,b.jsx)(O,{sent:o}),(0,b.jsx)(k,{territories:m,products:d,staff:!i,sent:o})]})}function D({territories:e,products:t,today:n,onSent:r}){let{t:a}=_(),o=(0,y.useId)(),s={territoryID:e[0]?.id??``,productID:``,competitor:``,observedPrice:``,observedOn:n,note:``},[c,d]=(0,y.useState)(s),[f,p]=(0,y.useState)(!1),[{fetching:h,error:g},v]=u(T),x=l(g),S=e=>{let t=x.find(t=>i(t.field).name===e);return t?(0,b.jsx)(`p`,{className:`field-error`,role:`alert`,children:m(a,t,`market`)}):null},C=x.filter(e=>!e.field),w=e=>t=>d(n=>({...n,[e]:t.target.value}));return(0,b.jsxs)(`section`,{"aria-labelledby":`${o}-title`,children:[(0,b.jsx)(`h2`,{id:`${o}-title`,children:a(`market.report`)}),(0,b.jsxs)(`form`,{className:`form market-form`,noValidate:!0,onSubmit:async e=>{e.preventDefault(),p(!1),(await v({input:{...c,note:c.note||null}})).error||(d({...s,territoryID:c.territoryID}),p(!0),r())},children:[(0,b.jsxs)(`div`,{className:`field-row`,children:[(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${o}-territory`,children:a(`market.territory`)}),(0,b.jsx)(`select`,{id:`${o}-territory`,name:`territoryID`,value:c.territoryID,onChange:w(`territoryID`),children:e.map(e=>(0,b.jsx)(`option`,{value:e.id,children:e.name},e.id))}),S(`territoryID`)]}),(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${o}-product`,children:a(`market.product`)}),(0,b.jsxs)(`select`,{id:`${o}-product`,name:`productID`,value:c.productID,onChange:w(`productID`),children:[(0,b.jsx)(`option`,{value:``,children:a(`market.chooseProduct`)}),t.map(e=>(0,b.jsx)(`option`,{value:e.id,children:e.name},e.id))]}),S(`productID`)]})]}),(0,b.jsxs)(`div`,{className:`field-row`,children:[(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${o}-competitor`,children:a(`market.competitor`)}),(0,b.jsx)(`input`,{id:`${o}-competitor`,name:`competitor`,value:c.competitor,maxLength:200,onChange:w(`competitor`)}),S(`competitor`)]}),(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${o}-price`,children:a(`market.observedPrice`)}),(0,b.jsx)(`input`,{id:`${o}-price`,name:`observedPrice`,inputMode:`decimal`,value:c.observedPrice,onChange:w(`observedPrice`)}),S(`observedPrice`)]}),(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${o}-on`,children:a(`market.observedOn`)}),(0,b.jsx)(`input`,{id:`${o}-on`,name:`observedOn`,type:`date`,max:n,value:c.observedOn,onChange:w(`observedOn`)}),S(`observedOn`)]})]}),(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${o}-note`,children:a(`market.note`)}),(0,b.jsx)(`textarea`,{id:`${o}-note`,name:`note`,rows:2,maxLength:2e3,value:c.note,onChange:w(`note`)}),S(`note`)]}),C.map((e,t)=>(0,b.jsx)(`p`,{className:`field-error`,role:`alert`,children:m(a,e,`market`)},t)),(0,b.jsxs)(`p`,{className:`actions-row`,children:[(0,b.jsx)(`button`,{type:`submit`,className:`button button-primary`,disabled:h,children:a(`market.submit`)}),(0,b.jsx)(`span`,{role:`status`,className:`muted`,children:f?a(`market.submitted`):``})]})]})]})}function O({sent:e}){let{t,i18n:n}=_(),[{data:i,error:a},o]=s({query:C,variables:{}});(0,y.useEffect)(()=>{e&&o({requestPolicy:`network-only`})},[e,o]);let l=i?.priceObservations??[];return(0,b.jsxs)(`section`,{"aria-labelledby":`market-observations`,children:[(0,b.jsx)(`h2`,{id:`market-observations`,children:t(`market.observations`)}),a&&!i?(0,b.jsx)(r,{error:a}):i?l.length?(0,b.jsxs)(`table`,{className:`table observations`,children:[(0,b.jsx)(`thead`,{children:(0,b.jsxs)(`tr`,{children:[(0,b.jsx)(`th`,{scope:`col`,children:t(`market.product`)}),(0,b.jsx)(`th`,{scope:`col`,children:t(`market.territory`)}),(0,b.jsx)(`th`,{scope:`col`,children:t(`market.competitor`)}),(0,b.jsx)(`th`,{scope:`col`,className:`num`,children:t(`market.observedPrice`)}),(0,b.jsx)(`th`,{scope:`col`,className:`num`,children:t(`market.ourPrice`)}),(0,b.jsx)(`th`,{scope:`col`,children:t(`market.observedOn`)})]})}),(0,b.jsx)(`tbody`,{children:l.map((e,r)=>(0,b.jsxs)(`tr`,{"data-competitor":e.competitor,children:[(0,b.jsxs)(`th`,{scope:`row`,"data-label":t(`market.product`),children:[e.product.name,` `,(0,b.jsx)(`span`,{className:`muted mono`,children:e.product.sku})]}),(0,b.jsx)(`td`,{"data-label":t(`market.territory`),children:e.territory.name}),(0,b.jsx)(`td`,{"data-label":t(`market.competitor`),children:e.competitor}),(0,b.jsx)(`td`,{"data-label":t(`market.observedPrice`),className:`num money`,children:g(e.observedPrice,n.language)}),(0,b.jsx)(`td`,{"data-label":t(`market.ourPrice`),className:`num money`,children:e.ourPrice?g(e.ourPrice,n.language):`—`}),(0,b.jsx)(`td`,{"data-label":t(`market.observedOn`),children:e.observedOn})]},r))})]}):(0,b.jsx)(c,{children:t(`market.noObservations`)}):(0,b.jsx)(f,{}),i&&l.length>0&&(0,b.jsx)(`p`,{className:`muted`,children:t(`market.anonymous`)})]})}function k({territories:e,products:t,staff:n,sent:i}){let{t:a,i18n:o}=_(),l=(0,y.useId)(),[u,p]=h(),m={territoryID:u.get(`territory`)||null,productID:u.get(`product`)||null,from:u.get(`from`)||null,to:u.get(`to`)||null},S=u.get(`after`),C=u.get(`before`),T={...m,...C?{last:x,before:C}:{first:x,after:S??null}},[{data:E,error:D,fetching:O},k]=s({query:w,variables:T});(0,y.useEffect)(()=>{i&&k({requestPolicy:`network-only`})},[i,k]);let A=e=>{let t={},n={territory:m.territoryID,product:m.productID,from:m.from,to:m.to,...e};for(let[e,r]of Object.entries(n))r&&(t[e]=r);p(t)},j=E?.marketReports,M=(j?.edges??[]).flatMap(e=>e?.node?[e.node]:[]);return(0,b.jsxs)(`section`,{"aria-labelledby":`market-reports`,children:[(0,b.jsx)(`h2`,{id:`market-reports`,children:a(n?`market.reports`:`market.yourReports`)}),n&&(0,b.jsxs)(`div`,{className:`filter`,children:[(0,b.jsx)(`label`,{htmlFor:`${l}-t`,children:a(`market.territory`)}),(0,b.jsxs)(`select`,{id:`${l}-t`,value:m.territoryID??``,onChange:e=>A({territory:e.target.value}),children:[(0,b.jsx)(`option`,{value:``,children:a(`market.allTerritories`)}),e.map(e=>(0,b.jsx)(`option`,{value:e.id,children:e.name},e.id))]}),(0,b.jsx)(`label`,{htmlFor:`${l}-p`,children:a(`market.product`)}),(0,b.jsxs)(`select`,{id:`${l}-p`,value:m.productID??``,onChange:e=>A({product:e.target.value}),children:[(0,b.jsx)(`option`,{value:``,children:a(`market.allProducts`)}),t.map(e=>(0,b.jsx)(`option`,{value:e.id,children:e.name},e.id))]}),(0,b.jsx)(`label`,{htmlFor:`${l}-from`,children:a(`market.from`)}),(0,b.jsx)(`input`,{id:`${l}-from`,type:`date`,value:m.from??``,onChange:e=>A({from:e.target.value})}),(0,b.jsx)(`label`,{htmlFor:`${l}-to`,children:a(`market.to`)}),(0,b.jsx)(`input`,{id:`${l}-to`,type:`date`,value:m.to??``,onChange:e=>A({to:e.target.value})})]}),O&&!E?(0,b.jsx)(f,{}):D&&!E?(0,b.jsx)(r,{error:D,onRetry:()=>k({requestPolicy:`network-only`})}):M.length?(0,b.jsxs)(b.Fragment,{children:[(0,b.jsx)(`p`,{className:`count`,children:a(`market.count`,{count:j?.totalCount??0})}),(0,b.jsxs)(`table`,{className:`table market-reports`,children:[(0,b.jsx)(`thead`,{children:(0,b.jsxs)(`tr`,{children:[(0,b.jsx)(`th`,{scope:`col`,children:a(`market.observedOn`)}),n&&(0,b.jsx)(`th`,{scope:`col`,children:a(`market.dealer`)}),(0,b.jsx)(`th`,{scope:`col`,children:a(`market.territory`)}),(0,b.jsx)(`th`,{scope:`col`,children:a(`market.product`)}),(0,b.jsx)(`th`,{scope:`col`,children:a(`market.competitor`)}),(0,b.jsx)(`th`,{scope:`col`,className:`num`,children:a(`market.observedPrice`)}),(0,b.jsx)(`th`,{scope:`col`,children:a(`market.reportedBy`)}),(0,b.jsx)(`th`,{scope:`col`,children:a(`market.note`)})]})}),(0,b.jsx)(`tbody`,{children:M.map(e=>(0,b.jsxs)(`tr`,{"data-competitor":e.competitor,children:[(0,b.jsx)(`th`,{scope:`row`,"data-label":a(`market.observedOn`),children:e.observedOn}),n&&(0,b.jsx)(`td`,{"data-label":a(`market.dealer`),children:e.dealer.name}),(0,b.jsx)(`td`,{"data-label":a(`market.territory`),children:e.territory.name}),(0,b.jsxs)(`td`,{"data-label":a(`market.product`),children:[e.product.name,` `,(0,b.jsx)(`span`,{className:`muted mono`,children:e.product.sku})]}),(0,b.jsx)(`td`,{"data-label":a(`market.competitor`),children:e.competitor}),(0,b.jsx)(`td`,{"data-label":a(`market.observedPrice`),className:`num money`,children:g(e.observedPrice,o.language)}),(0,b.jsxs)(`td`,{"data-label":a(`market.reportedBy`),children:[e.reportedByName,` `,(0,b.jsx)(`span`,{className:`muted`,children:d(e.reportedAt,o.language)})]}),(0,b.jsx)(`td`,{"data-label":a(`market.note`),children:e.note})]},e.id))})]}),j&&(0,b.jsx)(v,{pageInfo:j.pageInfo,onPage:e=>A({after:e.after,before:e.before})})]}):(0,b.jsx)(c,{children:a(`market.noReports`)})]})}export{E as Market,S as MarketOptionsQuery,w as MarketReportsQuery,C as PriceObservationsQuery,T as SubmitMarketReportMutation};